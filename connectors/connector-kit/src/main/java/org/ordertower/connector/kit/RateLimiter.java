package org.ordertower.connector.kit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket: {@code perSecond} permits a second, bursts up to {@code burst}. Thread-safe.
 * Platforms limit per app and per shop, so a connector takes one permit from its app's bucket
 * ({@link #shared}, one per app key in this JVM) and one from its shop's.
 */
public final class RateLimiter {
    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long last;

    public RateLimiter(double perSecond, double burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("perSecond must be positive and burst at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    /** The JVM-wide bucket for {@code key} (an app key); the first caller's rate wins until {@link #forget}. */
    public static RateLimiter shared(String key, double perSecond) {
        return SHARED.computeIfAbsent(key, k -> new RateLimiter(perSecond, Math.max(1, perSecond)));
    }

    /** Drops the shared bucket of {@code key} (its app was reconfigured). */
    public static void forget(String key) {
        SHARED.remove(key);
    }

    /** Takes a permit if one is free now. */
    public synchronized boolean tryAcquire() {
        refill();
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }

    /**
     * Waits for a permit at most {@code maxWait}.
     *
     * @return false when none came in time (the caller reports RATE_LIMITED rather than block a worker)
     */
    public boolean acquire(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long waitNanos;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    return true;
                }
                waitNanos = (long) ((1 - tokens) / perSecond * 1e9);
            }
            if (System.nanoTime() + waitNanos > deadline) {
                return false;
            }
            Thread.sleep(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
        }
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}
