package org.ordertower.web.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Caller;

/** Console sessions end on logout, when idle, at the end of their lifetime; failed logins are throttled per user. */
class SessionsTest {
    private Instant now = Instant.parse("2026-12-06T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Sessions sessions = new Sessions(clock, Duration.ofMinutes(30), Duration.ofHours(12));
    private final Caller alice = new Caller("alice", Set.of("reviewer", "viewer"));

    @Test
    void aSessionIsFoundByItsIdUntilItIsClosed() {
        Sessions.Session s = sessions.open(alice);
        assertTrue(s.id().length() >= 43, "256 random bits: " + s.id());
        assertNotEquals(s.id(), sessions.open(alice).id());
        assertEquals(alice, sessions.find(s.id()).orElseThrow().caller());
        assertTrue(sessions.find("forged").isEmpty());
        assertTrue(sessions.find(null).isEmpty());
        sessions.close(s.id());
        assertTrue(sessions.find(s.id()).isEmpty());
    }

    @Test
    void anIdleSessionEndsAndABusyOneAtItsLifetime() {
        Sessions.Session idle = sessions.open(alice);
        Sessions.Session busy = sessions.open(alice);
        for (int i = 0; i < 24; i++) {
            now = now.plus(Duration.ofMinutes(29));
            assertTrue(sessions.find(busy.id()).isPresent(), "used every 29 minutes, at " + now);
        }
        assertTrue(sessions.find(idle.id()).isEmpty(), "idle for over 30 minutes");
        now = now.plus(Duration.ofMinutes(29)); // 12 h 25 min after the login
        assertTrue(sessions.find(busy.id()).isEmpty(), "over its 12 hours");
        assertEquals(0, sessions.sweep());
    }

    @Test
    void fiveFailedLoginsHoldAUserNameForFiveMinutes() {
        for (int i = 0; i < Sessions.MAX_FAILURES; i++) {
            assertTrue(sessions.mayTry("bob"));
            sessions.failed("bob");
        }
        assertFalse(sessions.mayTry("bob"));
        assertTrue(sessions.mayTry("alice"), "another user is not held");
        now = now.plus(Sessions.FAILURE_WINDOW).plusSeconds(1);
        assertTrue(sessions.mayTry("bob"));
        sessions.failed("bob");
        assertTrue(sessions.mayTry("bob"), "a new window counts from one");
    }

    @Test
    void anEventKeepsEveryLineOfItsData() {
        assertEquals("event: stats\ndata: {\"a\":1,\ndata: \"b\":2}\n\n", LiveFeed.event("stats", "{\"a\":1,\n\"b\":2}"));
    }
}
