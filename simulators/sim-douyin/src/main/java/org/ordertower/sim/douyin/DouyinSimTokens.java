package org.ordertower.sim.douyin;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens the simulator issued. Access tokens live {@code ttl}; refresh tokens 14 days and only once:
 * a refresh answers a new pair and retires the refresh token used (the old access token lives on until it
 * expires). Thread-safe.
 */
final class DouyinSimTokens {
    /** An issued pair. */
    record Pair(String accessToken, String refreshToken, long expiresIn) {
    }

    /** What a presented access token is. */
    enum Check {
        OK, UNKNOWN, EXPIRED
    }

    private static final Duration REFRESH_TTL = Duration.ofDays(14);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Instant> access = new ConcurrentHashMap<>();
    private final Map<String, Instant> refresh = new ConcurrentHashMap<>();

    DouyinSimTokens(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Pair issue() {
        String a = "sim-at-" + hex(16);
        String r = "sim-rt-" + hex(16);
        access.put(a, clock.instant().plus(ttl));
        refresh.put(r, clock.instant().plus(REFRESH_TTL));
        return new Pair(a, r, ttl.toSeconds());
    }

    Check check(String token) {
        Instant until = token == null ? null : access.get(token);
        if (until == null) {
            return Check.UNKNOWN;
        }
        return clock.instant().isBefore(until) ? Check.OK : Check.EXPIRED;
    }

    /** @return the new pair, or null when the refresh token is unknown or used; EXPIRED_PAIR when expired */
    Pair refresh(String refreshToken) {
        Instant until = refreshToken == null ? null : refresh.remove(refreshToken);
        if (until == null) {
            return null;
        }
        if (!clock.instant().isBefore(until)) {
            return EXPIRED_PAIR;
        }
        return issue();
    }

    /** Makes an access token expire now (tests). */
    void expire(String accessToken) {
        access.computeIfPresent(accessToken, (k, v) -> clock.instant().minusSeconds(1));
    }

    static final Pair EXPIRED_PAIR = new Pair("", "", 0);

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
