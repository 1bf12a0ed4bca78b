package org.ordertower.core.internal.security;

import org.ordertower.api.Caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** A successful login is remembered for its time to live; a refused one never is. */
class LoginCacheTest {
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<String, String> passwords = new ConcurrentHashMap<>(Map.of("alice", "pw-1"));
    private final Authenticator realm = (user, password) -> {
        logins.incrementAndGet();
        return password.equals(passwords.get(user)) ? Optional.of(new Caller(user, Set.of("viewer"))) : Optional.empty();
    };
    private Instant now = Instant.parse("2026-11-11T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    };
    private final LoginCache cache = new LoginCache(realm, Duration.ofSeconds(30), clock);

    @Test
    void aBusyClientLogsInOncePerTimeToLive() {
        for (int i = 0; i < 100; i++) {
            assertEquals("alice", cache.authenticate("alice", "pw-1").orElseThrow().name());
        }
        assertEquals(1, logins.get());
        now = now.plusSeconds(29);
        cache.authenticate("alice", "pw-1");
        assertEquals(1, logins.get(), "still remembered");
        now = now.plusSeconds(1);
        cache.authenticate("alice", "pw-1");
        assertEquals(2, logins.get(), "expired: the realm is asked again");
    }

    @Test
    void aRefusedLoginIsNeverRememberedAndAChangedPasswordCountsAfterTheTimeToLive() {
        assertTrue(cache.authenticate("alice", "wrong").isEmpty());
        assertTrue(cache.authenticate("alice", "wrong").isEmpty());
        assertEquals(2, logins.get(), "each refused attempt goes to the realm");
        assertTrue(cache.authenticate("alice", "pw-1").isPresent());
        assertTrue(cache.authenticate("alice", "pw-1x").isEmpty(), "another password is another login");

        passwords.put("alice", "pw-2");
        assertTrue(cache.authenticate("alice", "pw-1").isPresent(), "the old password works until the entry expires");
        now = now.plusSeconds(30);
        assertTrue(cache.authenticate("alice", "pw-1").isEmpty());
        assertTrue(cache.authenticate("alice", "pw-2").isPresent());
    }

    @Test
    void theCacheStaysBounded() {
        Authenticator anyone = (user, password) -> Optional.of(new Caller(user, Set.of()));
        LoginCache many = new LoginCache(anyone, Duration.ofSeconds(30), clock);
        for (int i = 0; i < LoginCache.MAX_ENTRIES + 10; i++) {
            many.authenticate("u" + i, "p");
        }
        assertTrue(many.size() <= LoginCache.MAX_ENTRIES, "size " + many.size());
    }
}
