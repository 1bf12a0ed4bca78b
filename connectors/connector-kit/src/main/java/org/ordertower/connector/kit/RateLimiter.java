package org.ordertower.connector.kit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A token bucket: {@code perSecond} permits a second, bursts up to {@code burst}. Thread-safe.
 *
 * <p>Platforms limit per app and per shop (or account), so a connector takes one permit from its own bucket (a
 * {@code new RateLimiter}, one per shop or account) and one from its app's: {@link #shared}, one bucket per gateway
 * and app key in the whole container. That holds in Karaf because this class lives in the kit bundle, which every
 * connector imports (never embeds): a Taobao shop and a Cainiao account of the same TOP app, in two bundles, take
 * from the one bucket {@code shared(TOP + appKey, ...)}.
 */
public final class RateLimiter {
    /**
     * The key prefix of TOP's router ({@code eco.taobao.com/router/rest}): every connector that calls it with an app
     * key (the Taobao/Tmall channel, the Cainiao e-waybill carrier) takes its app permits from
     * {@code shared(TOP + appKey, ...)}, as TOP counts one app's calls together whichever product makes them.
     */
    public static final String TOP = "top:";

    private static final Logger LOGGER = LoggerFactory.getLogger(RateLimiter.class);
    private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

    private double perSecond;
    private double burst;
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

    /**
     * The container-wide bucket of one app on one gateway: every caller with the same {@code key} gets the same
     * instance, whichever bundle it is in.
     *
     * <p>{@code key} is {@code <gateway>:<app key>}, e.g. {@code "jd:" + appKey}, {@code "pdd:" + clientId}, or
     * {@link #TOP}{@code + appKey} for everything that calls TOP's router. Callers that call the same gateway with
     * the same app key must spell the gateway the same way, or the app is split into two buckets.
     *
     * <p>Rates: the bucket is created at the first caller's {@code perSecond} (burst: one second's worth, at least
     * 1). <b>The lowest rate asked wins</b>: a later caller asking less slows the bucket down for everyone (its burst
     * and its free permits shrink with it); a caller asking more gets the bucket as it is. Either way a caller whose
     * rate differs is logged at WARN with both rates, as its configuration disagrees with another's about the same
     * app. The platform's limit is one number per app, so the lowest of the configured numbers is the only one that
     * keeps every configuration's promise, and unlike "first wins" it does not depend on which bundle started first.
     * A bucket is never raised nor dropped while the kit bundle lives (a holder might still use it, and dropping it
     * would split the app): to raise an app's rate, raise it in every configuration of that app and refresh the kit
     * bundle ({@code bundle:refresh org.ordertower.connector.kit}, which restarts the connectors) or restart.
     *
     * @throws IllegalArgumentException if the key is not {@code <gateway>:<app key>} with both parts non-blank, or
     *         the rate is not positive
     */
    public static RateLimiter shared(String key, double perSecond) {
        int colon = key == null ? -1 : key.indexOf(':');
        if (colon < 1 || key.substring(0, colon).isBlank() || key.substring(colon + 1).isBlank()) {
            throw new IllegalArgumentException("a shared rate limiter's key is <gateway>:<app key>, was '" + key + "'");
        }
        RateLimiter created = new RateLimiter(perSecond, Math.max(1, perSecond));
        RateLimiter bucket = SHARED.putIfAbsent(key, created);
        if (bucket == null) {
            return created;
        }
        double before = bucket.lowerTo(perSecond);
        if (before != perSecond) {
            LOGGER.warn("rate limiter {}: asked for {} calls/s, but another configuration of the same app asked for {};"
                    + " the lowest, {}, applies to both", key, perSecond, before, Math.min(before, perSecond));
        }
        return bucket;
    }

    /** Calls a second this bucket lets through now. */
    public synchronized double perSecond() {
        return perSecond;
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

    /** Lowers the rate (and the burst, and the free permits with it) to {@code rate} if that is lower; the old rate. */
    private synchronized double lowerTo(double rate) {
        double before = perSecond;
        if (rate < perSecond) {
            refill();
            perSecond = rate;
            burst = Math.max(1, rate);
            tokens = Math.min(tokens, burst);
        }
        return before;
    }

    private void refill() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - last) / 1e9 * perSecond);
        last = now;
    }
}
