package org.ordertower.sim.kit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth tokens a simulator issued: access tokens with their expiry, refresh tokens that either
 * rotate (each refresh spends the old one, as JD does) or stay valid (as Pinduoduo does). Thread-safe.
 */
public final class SimTokenBook {

    /** A token pair as the simulator issued it. */
    public record Issued(String accessToken, Instant expiresAt, String refreshToken) {
    }

    private final Clock clock;
    private final long ttlSeconds;
    private final String prefix;
    private final boolean rotate;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();

    /**
     * @param prefix starts every token ({@code <prefix>at-...}, {@code <prefix>rt-...})
     * @param rotate true when a refresh spends the refresh token and issues a new one
     */
    public SimTokenBook(Clock clock, long ttlSeconds, String prefix, boolean rotate) {
        this.clock = clock;
        this.ttlSeconds = ttlSeconds;
        this.prefix = prefix;
        this.rotate = rotate;
    }

    /** A new token pair. */
    public Issued issue() {
        return issue(null);
    }

    /** True for an access token this book issued and that has not expired. */
    public boolean valid(String accessToken) {
        Instant expiry = accessToken == null ? null : accessTokens.get(accessToken);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    /** A new access token for a refresh token this book issued (spent when rotating), or null for an unknown one. */
    public Issued refresh(String refreshToken) {
        if (refreshToken == null || !(rotate ? refreshTokens.remove(refreshToken) : refreshTokens.contains(refreshToken))) {
            return null;
        }
        return issue(rotate ? null : refreshToken);
    }

    /** Makes every access token issued so far expired; refresh tokens stay valid. */
    public void expireAll() {
        accessTokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    public long ttlSeconds() {
        return ttlSeconds;
    }

    private Issued issue(String keepRefresh) {
        String access = prefix + "at-" + hex();
        String refresh = keepRefresh != null ? keepRefresh : prefix + "rt-" + hex();
        Instant expiry = clock.instant().plusSeconds(ttlSeconds);
        accessTokens.put(access, expiry);
        refreshTokens.add(refresh);
        return new Issued(access, expiry, refresh);
    }

    private String hex() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
