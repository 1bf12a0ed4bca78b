package org.ordertower.api;

import java.util.Collection;
import java.util.Objects;
import java.util.Set;


/**
 * Who is calling: an authenticated user and their roles, as the realm gave them. Front ends (the shell, the REST
 * interface) pass it to services whose answers depend on the caller's roles, and the services decide
 * ({@link Access}), so the same role gets the same answer everywhere.
 *
 * @param name the user name; the actor of every change they make
 * @param roles the user's roles (a group's roles included)
 */
public record Caller(String name, Set<String> roles) {
    /** The caller on a path that needs no authentication (a platform's webhook): no roles. */
    public static final Caller ANONYMOUS = new Caller("anonymous", Set.of());

    public Caller {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Collection<String> wanted) {
        return wanted.stream().anyMatch(roles::contains);
    }

    /** True when this caller may see buyer data in clear ({@link Access#maySeeBuyerData}). */
    public boolean maySeeBuyerData() {
        return Access.maySeeBuyerData(this::hasRole);
    }

    /** The actor of this caller's changes in the audit trail. */
    public Actor actor() {
        return Actor.user(name);
    }
}
