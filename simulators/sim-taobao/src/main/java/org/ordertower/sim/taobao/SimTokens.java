package org.ordertower.sim.taobao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions and refresh tokens the simulator issued: a session works until it expires or is replaced by a
 * refresh (refresh tokens rotate). Thread-safe.
 */
final class SimTokens {
    enum Check {
        VALID, UNKNOWN, EXPIRED
    }

    record Issued(String accessToken, long expiresIn, String refreshToken, long reExpiresIn) {
    }

    private final Map<String, Instant> sessions = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private final AtomicLong serial = new AtomicLong();
    private final Clock clock;
    private final String secret;
    private volatile Duration ttl;
    private volatile String current;
    private volatile String currentRefresh;

    SimTokens(Clock clock, String secret, Duration ttl) {
        this.clock = clock;
        this.secret = secret;
        this.ttl = ttl;
        issue();
    }

    synchronized Issued issue() {
        long n = serial.incrementAndGet();
        String access = "6100" + SimRenderer.digest(secret + ":session:" + n).substring(0, 36);
        String refresh = "6101" + SimRenderer.digest(secret + ":refresh:" + n).substring(0, 36);
        Instant now = clock.instant();
        sessions.put(access, now.plus(ttl));
        refreshTokens.put(refresh, now.plus(Duration.ofDays(30)));
        if (current != null) {
            sessions.remove(current);
        }
        if (currentRefresh != null) {
            refreshTokens.remove(currentRefresh);
        }
        current = access;
        currentRefresh = refresh;
        return new Issued(access, ttl.toSeconds(), refresh, Duration.ofDays(30).toSeconds());
    }

    Check check(String session) {
        Instant until = session == null ? null : sessions.get(session);
        if (until == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(until) ? Check.VALID : Check.EXPIRED;
    }

    /** A new session for a valid refresh token, else null. */
    synchronized Issued refresh(String refreshToken) {
        Instant until = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (until == null || !clock.instant().isBefore(until)) {
            return null;
        }
        return issue();
    }

    /** Makes the current session expire now (tests, demos). */
    void expireNow() {
        sessions.computeIfPresent(current, (k, v) -> clock.instant().minusSeconds(1));
    }

    String accessToken() {
        return current;
    }

    String refreshToken() {
        return currentRefresh;
    }
}
