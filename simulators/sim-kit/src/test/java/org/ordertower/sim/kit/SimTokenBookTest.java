package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.ordertower.sim.kit.SimTokenBook.Refresh;
import org.ordertower.sim.kit.SimTokenBook.Status;

class SimTokenBookTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    /** Paused: it moves only when a test advances it. */
    private final SimClock clock = new SimClock(T0, 1);

    SimTokenBookTest() {
        clock.pause();
    }

    @Test
    void accessTokensWorkUntilTheyExpireAndUnknownOnesAreToldApart() {
        SimTokenBook book = new SimTokenBook(clock, 60, "x-", true);
        SimTokenBook.Issued t = book.issue();
        assertTrue(t.accessToken().matches("x-at-[0-9a-f]{32}"));
        assertTrue(t.refreshToken().matches("x-rt-[0-9a-f]{32}"));
        assertEquals(clock.instant().plusSeconds(60), t.expiresAt());
        assertEquals(Status.VALID, book.check(t.accessToken()));
        assertEquals(Status.UNKNOWN, book.check("x-at-nope"));
        assertEquals(Status.UNKNOWN, book.check(null));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(Status.EXPIRED, book.check(t.accessToken()));
        assertTrue(!book.valid(t.accessToken()));
    }

    @Test
    void rotatingSpendsTheRefreshTokenAndLeavesOlderAccessTokensAlive() {
        SimTokenBook book = new SimTokenBook(clock, 60, "jd-", true);
        SimTokenBook.Issued first = book.issue();
        SimTokenBook.Issued second = book.refresh(first.refreshToken());
        assertNotEquals(first.refreshToken(), second.refreshToken());
        assertNull(book.refresh(first.refreshToken()), "spent");
        assertTrue(book.valid(first.accessToken()) && book.valid(second.accessToken()));
        book.expireAll();
        assertEquals(Status.EXPIRED, book.check(second.accessToken()));
        assertTrue(book.refresh(second.refreshToken()) != null, "refresh tokens outlive expireAll");
    }

    @Test
    void keepingHandsTheSameRefreshTokenBack() {
        SimTokenBook book = new SimTokenBook(clock, 60, "pdd-", false);
        SimTokenBook.Issued first = book.issue();
        assertEquals(first.refreshToken(), book.refresh(first.refreshToken()).refreshToken());
        assertEquals(first.refreshToken(), book.refresh(first.refreshToken()).refreshToken());
    }

    @Test
    void aRefreshTokenWithALifetimeExpiresAndIsSpentWhenPresented() {
        SimTokenBook book = new SimTokenBook(clock, Duration.ofSeconds(60), Duration.ofDays(14), Refresh.ROTATE,
                SimTokenBook.random("sim-"));
        SimTokenBook.Issued t = book.issue();
        clock.advance(Duration.ofDays(14));
        assertEquals(new SimTokenBook.Renewal(Status.EXPIRED, null), book.renew(t.refreshToken()));
        assertEquals(Status.UNKNOWN, book.renew(t.refreshToken()).status(), "spent even though expired");
        assertEquals(Status.UNKNOWN, book.renew(null).status());
    }

    @Test
    void replacingKeepsOnePairAtATimeWithTheMintersTokens() {
        SimTokenBook book = new SimTokenBook(clock, Duration.ofSeconds(60), Duration.ofDays(30), Refresh.REPLACE,
                (access, n) -> (access ? "s" : "r") + n);
        SimTokenBook.Issued first = book.issue();
        assertEquals(new SimTokenBook.Issued("s1", clock.instant().plusSeconds(60), "r1"), first);
        assertEquals(first, book.latest());
        SimTokenBook.Issued second = book.refresh("r1");
        assertEquals("s2", second.accessToken());
        assertEquals("r2", second.refreshToken());
        assertEquals(second, book.latest());
        assertEquals(Status.UNKNOWN, book.check("s1"), "the previous session is retired");
        assertNull(book.refresh("r1"));
        book.expire("s2");
        assertEquals(Status.EXPIRED, book.check("s2"));
        clock.advance(Duration.ofDays(30));
        assertEquals(Status.EXPIRED, book.renew("r2").status());
        assertEquals(60, book.ttlSeconds());
        assertEquals(Duration.ofDays(30), book.refreshTtl());
    }
}
