package org.ordertower.sim.kit;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OAuth tokens (or sessions) a simulator issued: access tokens that work until they expire, and refresh tokens,
 * with or without a lifetime of their own, that a refresh either keeps, spends or retires with the whole pair
 * ({@link Refresh}). What differs by platform is a parameter: the lifetimes, what a refresh does, and what the tokens
 * look like ({@link Minter}). Thread-safe.
 */
public final class SimTokenBook {

    /** A token pair as the simulator issued it. */
    public record Issued(String accessToken, Instant expiresAt, String refreshToken) {
    }

    /** What the book says of a token presented to it. */
    public enum Status {
        VALID, UNKNOWN, EXPIRED
    }

    /**
     * The outcome of a refresh: the new pair when {@code status} is VALID; else null, the refresh token being
     * UNKNOWN (never issued, or already spent or retired) or EXPIRED.
     */
    public record Renewal(Status status, Issued issued) {
    }

    /** What a refresh does to the refresh token it is given. */
    public enum Refresh {
        /** The refresh token stays valid and comes back with the new access token (Pinduoduo). */
        KEEP,
        /**
         * The refresh token is spent (presented once, even when it had expired) and a new one issued; access tokens
         * issued before live on until they expire (JD, Douyin).
         */
        ROTATE,
        /**
         * One pair at a time: every pair issued retires the previous pair, its access token and its refresh token
         * (TOP's session).
         */
        REPLACE
    }

    /** Makes the tokens' text. */
    @FunctionalInterface
    public interface Minter {
        /**
         * @param access true for an access token, false for a refresh token
         * @param serial the pair's number in this book, from 1
         */
        String mint(boolean access, long serial);
    }

    private final Clock clock;
    private final Duration ttl;
    private final Duration refreshTtl;
    private final Refresh refresh;
    private final Minter minter;
    private final AtomicLong serial = new AtomicLong();
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Map<String, Instant> refreshTokens = new ConcurrentHashMap<>();
    private volatile Issued latest;

    /**
     * Random tokens ({@link #random}), refresh tokens that never expire.
     *
     * @param prefix starts every token ({@code <prefix>at-...}, {@code <prefix>rt-...})
     * @param rotate true when a refresh spends the refresh token and issues a new one ({@link Refresh#ROTATE}), false
     *     when it keeps it ({@link Refresh#KEEP})
     */
    public SimTokenBook(Clock clock, long ttlSeconds, String prefix, boolean rotate) {
        this(clock, Duration.ofSeconds(ttlSeconds), null, rotate ? Refresh.ROTATE : Refresh.KEEP, random(prefix));
    }

    /**
     * @param ttl how long an access token works
     * @param refreshTtl how long a refresh token works, null for ever
     */
    public SimTokenBook(Clock clock, Duration ttl, Duration refreshTtl, Refresh refresh, Minter minter) {
        this.clock = clock;
        this.ttl = ttl;
        this.refreshTtl = refreshTtl;
        this.refresh = refresh;
        this.minter = minter;
    }

    /** Tokens {@code <prefix>at-<32 random hex digits>} and {@code <prefix>rt-<32 random hex digits>}. */
    public static Minter random(String prefix) {
        SecureRandom random = new SecureRandom();
        return (access, serial) -> {
            byte[] b = new byte[16];
            random.nextBytes(b);
            return prefix + (access ? "at-" : "rt-") + HexFormat.of().formatHex(b);
        };
    }

    /** A new token pair. */
    public Issued issue() {
        return issue(null);
    }

    /** The pair issued last, or null before the first. */
    public Issued latest() {
        return latest;
    }

    /** What {@code accessToken} is: one this book issued that works, one it issued that expired, or unknown. */
    public Status check(String accessToken) {
        Instant expiry = accessToken == null ? null : accessTokens.get(accessToken);
        if (expiry == null) {
            return Status.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? Status.VALID : Status.EXPIRED;
    }

    /** True for an access token this book issued and that has not expired. */
    public boolean valid(String accessToken) {
        return check(accessToken) == Status.VALID;
    }

    /** A new pair for a refresh token this book issued, or null (unknown, spent, retired or expired). */
    public Issued refresh(String refreshToken) {
        return renew(refreshToken).issued();
    }

    /** A refresh, with why it failed when it did. */
    public synchronized Renewal renew(String refreshToken) {
        Instant expiry = refreshToken == null ? null
                : refresh == Refresh.KEEP ? refreshTokens.get(refreshToken) : refreshTokens.remove(refreshToken);
        if (expiry == null) {
            return new Renewal(Status.UNKNOWN, null);
        }
        if (!clock.instant().isBefore(expiry)) {
            return new Renewal(Status.EXPIRED, null);
        }
        return new Renewal(Status.VALID, issue(refresh == Refresh.KEEP ? refreshToken : null));
    }

    /** Makes one access token expired now (nothing for one the book does not know). */
    public void expire(String accessToken) {
        if (accessToken != null) {
            accessTokens.computeIfPresent(accessToken, (token, expiry) -> clock.instant().minusSeconds(1));
        }
    }

    /** Makes every access token issued so far expired; refresh tokens stay valid. */
    public void expireAll() {
        accessTokens.replaceAll((token, expiry) -> Instant.EPOCH);
    }

    public long ttlSeconds() {
        return ttl.toSeconds();
    }

    /** How long a refresh token works, null for ever. */
    public Duration refreshTtl() {
        return refreshTtl;
    }

    private synchronized Issued issue(String keepRefresh) {
        long n = serial.incrementAndGet();
        String access = minter.mint(true, n);
        String refreshToken = keepRefresh != null ? keepRefresh : minter.mint(false, n);
        Instant now = clock.instant();
        Instant expiry = now.plus(ttl);
        accessTokens.put(access, expiry);
        refreshTokens.put(refreshToken, refreshTtl == null ? Instant.MAX : now.plus(refreshTtl));
        Issued previous = latest;
        if (refresh == Refresh.REPLACE && previous != null) {
            accessTokens.remove(previous.accessToken());
            refreshTokens.remove(previous.refreshToken());
        }
        Issued issued = new Issued(access, expiry, refreshToken);
        latest = issued;
        return issued;
    }
}
