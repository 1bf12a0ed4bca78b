package org.ordertower.core.internal.security;

import java.util.Optional;
import org.ordertower.api.Caller;

/** Checks a user name and password. Thread-safe. Never logs the password. */
@FunctionalInterface
public interface Authenticator {
    /**
     * @return the user with their roles, or empty when the realm refused the login (unknown user,
     *     wrong password, realm not available)
     */
    Optional<Caller> authenticate(String user, String password);
}
