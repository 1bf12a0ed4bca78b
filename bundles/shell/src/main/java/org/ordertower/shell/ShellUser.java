package org.ordertower.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.Set;
import java.util.stream.Collectors;

import javax.security.auth.Subject;

import org.ordertower.api.Actor;
import org.ordertower.api.Caller;

/** The logged-in shell user: the actor of a change, and their roles. */
public final class ShellUser {
    private ShellUser() {
    }

    public static Actor actor() {
        return Actor.user(principals("UserPrincipal").stream().findFirst().orElse("console"));
    }

    /** The logged-in user with their roles, for services that decide by role. */
    public static Caller caller() {
        return new Caller(actor().name(), principals("RolePrincipal"));
    }

    /** True when the logged-in user has this role. */
    public static boolean hasRole(String role) {
        return principals("RolePrincipal").contains(role);
    }

    /** The names of the session subject's principals of one kind (Karaf's UserPrincipal, RolePrincipal). */
    @SuppressWarnings("removal")
    private static Set<String> principals(String kind) {
        Subject s = Subject.getSubject(AccessController.getContext());
        if (s == null) {
            return Set.of();
        }
        return s.getPrincipals().stream().filter(p -> p.getClass().getSimpleName().equals(kind)).map(Principal::getName)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }
}
