package org.ordertower.core.internal.security;

import org.ordertower.api.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

import javax.security.auth.login.Configuration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logins on Karaf's own properties login module: roles from the user and from their groups, refusals as empty. */
class JaasAuthenticatorTest {
    @TempDir
    Path dir;
    private Configuration realm;

    @BeforeEach
    void setUp() throws Exception {
        realm = TestRealm.in(dir);
    }

    @Test
    void aUserGetsTheirRolesAndTheirGroupsRoles() {
        JaasAuthenticator jaas = new JaasAuthenticator(TestRealm.REALM, realm);
        assertEquals(Optional.of(new Caller("admin", Set.of("admin", "manager", "viewer", "systembundles", "ssh"))),
                jaas.authenticate("admin", TestRealm.PASSWORD));
        assertEquals(Optional.of(new Caller("dpo", Set.of("viewer", "pii"))), jaas.authenticate("dpo", TestRealm.PASSWORD));
        assertEquals(Optional.of(new Caller("nobody", Set.of())), jaas.authenticate("nobody", TestRealm.PASSWORD));
    }

    @Test
    void aWrongPasswordAnUnknownUserOrAMissingRealmIsRefused() {
        JaasAuthenticator jaas = new JaasAuthenticator(TestRealm.REALM, realm);
        assertTrue(jaas.authenticate("admin", "guess").isEmpty());
        assertTrue(jaas.authenticate("admin", "").isEmpty());
        assertTrue(jaas.authenticate("mallory", TestRealm.PASSWORD).isEmpty());
        assertTrue(new JaasAuthenticator("elsewhere", realm).authenticate("admin", TestRealm.PASSWORD).isEmpty());
    }

    @Test
    void theThreadsContextClassLoaderIsPutBack() {
        ClassLoader mine = new ClassLoader(getClass().getClassLoader()) {
        };
        Thread.currentThread().setContextClassLoader(mine);
        try {
            new JaasAuthenticator(TestRealm.REALM, realm).authenticate("viewer", TestRealm.PASSWORD);
            assertSame(mine, Thread.currentThread().getContextClassLoader());
        } finally {
            Thread.currentThread().setContextClassLoader(getClass().getClassLoader());
        }
    }
}
