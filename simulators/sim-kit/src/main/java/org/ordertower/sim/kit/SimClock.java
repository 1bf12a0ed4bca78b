package org.ordertower.sim.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulator's accelerated clock: {@code scale} simulated seconds pass per real second from {@code origin}, and
 * tests may jump it forward ({@link #advance}). Never goes backwards. Thread-safe.
 */
public final class SimClock extends Clock {
    private final Instant origin;
    private final long originNanos;
    private final double scale;
    private final AtomicLong offsetNanos = new AtomicLong();

    /**
     * @param origin the simulated time now
     * @param scale simulated seconds per real second, positive
     */
    public SimClock(Instant origin, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("timeScale must be a positive number, was " + scale);
        }
        this.origin = origin;
        this.originNanos = System.nanoTime();
        this.scale = scale;
    }

    /** Simulated seconds per real second. */
    public double scale() {
        return scale;
    }

    /** Moves simulated time forward by {@code simulated}. */
    public void advance(Duration simulated) {
        if (simulated.isNegative()) {
            throw new IllegalArgumentException("the clock only goes forward");
        }
        offsetNanos.addAndGet(simulated.toNanos());
    }

    /** How long {@code simulated} takes in real time at this clock's scale (at least a millisecond). */
    public Duration realDuration(Duration simulated) {
        return Duration.ofMillis(Math.max(1, (long) (simulated.toMillis() / scale)));
    }

    @Override
    public Instant instant() {
        long elapsed = (long) ((System.nanoTime() - originNanos) * scale);
        return origin.plusNanos(elapsed + offsetNanos.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a simulator clock is UTC");
    }
}
