package org.ordertower.shell;

import java.security.AccessController;
import java.security.Principal;
import java.util.HashSet;
import java.util.Set;

import javax.security.auth.Subject;

import org.ordertower.api.Actor;
import org.ordertower.api.Caller;

/** The logged-in shell user: the actor of a change, and their roles. */
public final class ShellUser {
    private ShellUser() {
    }

    @SuppressWarnings("removal")
    public static Actor actor() {
        Subject s = Subject.getSubject(AccessController.getContext());
        if (s != null) {
            for (Principal p : s.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("UserPrincipal")) {
                    return Actor.user(p.getName());
                }
            }
        }
        return Actor.user("console");
    }

    /** The logged-in user with their roles, for services that decide by role. */
    @SuppressWarnings("removal")
    public static Caller caller() {
        Set<String> roles = new HashSet<>();
        Subject s = Subject.getSubject(AccessController.getContext());
        if (s != null) {
            for (Principal p : s.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal")) {
                    roles.add(p.getName());
                }
            }
        }
        return new Caller(actor().name(), roles);
    }

    /** True when the logged-in user has this role. */
    @SuppressWarnings("removal")
    public static boolean hasRole(String role) {
        Subject s = Subject.getSubject(AccessController.getContext());
        if (s != null) {
            for (Principal p : s.getPrincipals()) {
                if (p.getClass().getSimpleName().equals("RolePrincipal") && p.getName().equals(role)) {
                    return true;
                }
            }
        }
        return false;
    }
}
