package org.ordertower.core.internal.security;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.ordertower.api.Caller;

import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in to a JAAS realm, as Karaf's own SSH server does (see karaf: shell/ssh/.../KarafJaasAuthenticator.java):
 * a {@link LoginContext} on the realm's name, with the user name and password as callbacks; the
 * roles are the subject's {@link RolePrincipal}s (a group's roles included). In Karaf the realm is
 * found through the JAAS configuration Karaf installs for the whole JVM.
 */
public final class JaasAuthenticator implements Authenticator {
    private final Logger logger = LoggerFactory.getLogger(JaasAuthenticator.class);
    private final String realm;
    private final Configuration configuration;
    private volatile boolean realmMissingLogged;

    /** On the JVM's JAAS configuration, which Karaf installs (realm {@code karaf}: {@code etc/users.properties}). */
    public JaasAuthenticator(String realm) {
        this(realm, null);
    }

    /** On the given configuration, or on the JVM's when it is null. */
    public JaasAuthenticator(String realm, Configuration configuration) {
        this.realm = realm;
        this.configuration = configuration;
    }

    @Override
    public Optional<Caller> authenticate(String user, String password) {
        Subject subject = new Subject();
        CallbackHandler callbacks = cs -> {
            for (Callback c : cs) {
                if (c instanceof NameCallback n) {
                    n.setName(user);
                } else if (c instanceof PasswordCallback p) {
                    p.setPassword(password.toCharArray());
                } else {
                    throw new UnsupportedCallbackException(c);
                }
            }
        };
        try {
            login(subject, callbacks);
        } catch (FailedLoginException e) {
            logger.debug("HTTP login of '{}' refused by realm {}: {}", user, realm, e.getMessage());
            return Optional.empty();
        } catch (LoginException e) {
            // no such realm, or a login module that failed: every login fails until it is fixed
            if (!realmMissingLogged) {
                realmMissingLogged = true;
                logger.warn("HTTP logins fail on JAAS realm '{}' (http.auth.realm): {}", realm, e.getMessage());
            }
            logger.debug("HTTP login of '{}' failed on realm {}: {}", user, realm, e.getMessage());
            return Optional.empty();
        }
        realmMissingLogged = false;
        Set<String> roles = subject.getPrincipals(RolePrincipal.class).stream().map(RolePrincipal::getName)
                .collect(Collectors.toUnmodifiableSet());
        String name = subject.getPrincipals(UserPrincipal.class).stream().map(UserPrincipal::getName).findFirst().orElse(user);
        return Optional.of(new Caller(name, roles));
    }

    private void login(Subject subject, CallbackHandler callbacks) throws LoginException {
        // LoginContext loads the realm's login module (Karaf's ProxyLoginModule, in jaas.boot) through
        // the thread context class loader, which on a Jetty thread is not one that sees jaas.boot
        Thread thread = Thread.currentThread();
        ClassLoader tccl = thread.getContextClassLoader();
        LoginContext context;
        thread.setContextClassLoader(RolePrincipal.class.getClassLoader());
        try {
            context = configuration == null ? new LoginContext(realm, subject, callbacks)
                    : new LoginContext(realm, subject, callbacks, configuration);
        } finally {
            thread.setContextClassLoader(tccl);
        }
        context.login();
    }
}
