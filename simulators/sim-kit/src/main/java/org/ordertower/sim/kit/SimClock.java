package org.ordertower.sim.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A simulator's accelerated clock: {@code scale} simulated seconds pass per real second from {@code origin}, tests
 * may jump it forward ({@link #advance}) and freeze it ({@link #pause}, {@link #resume}). Never goes backwards.
 * Thread-safe.
 */
public final class SimClock extends Clock {
    /**
     * Where simulated time stands: {@code simulatedNanos} past the origin when the real clock read {@code realNanos};
     * frozen there while {@code paused}.
     */
    private record Mark(long simulatedNanos, long realNanos, boolean paused) {
    }

    private final Instant origin;
    private final double scale;
    private volatile Mark mark;

    /**
     * @param origin the simulated time now
     * @param scale simulated seconds per real second, positive
     */
    public SimClock(Instant origin, double scale) {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("timeScale must be a positive number, was " + scale);
        }
        this.origin = origin;
        this.scale = scale;
        this.mark = new Mark(0, System.nanoTime(), false);
    }

    /** Simulated seconds per real second. */
    public double scale() {
        return scale;
    }

    /** Moves simulated time forward by {@code simulated}. */
    public synchronized void advance(Duration simulated) {
        if (simulated.isNegative()) {
            throw new IllegalArgumentException("the clock only goes forward");
        }
        Mark m = mark;
        mark = new Mark(m.simulatedNanos() + simulated.toNanos(), m.realNanos(), m.paused());
    }

    /** Freezes simulated time where it is now, until {@link #resume()}; pausing a paused clock does nothing. */
    public synchronized void pause() {
        if (!mark.paused()) {
            mark = new Mark(elapsedNanos(), System.nanoTime(), true);
        }
    }

    /** Lets simulated time run on from where it was frozen. */
    public synchronized void resume() {
        Mark m = mark;
        if (m.paused()) {
            mark = new Mark(m.simulatedNanos(), System.nanoTime(), false);
        }
    }

    public boolean paused() {
        return mark.paused();
    }

    /** How long {@code simulated} takes in real time at this clock's scale (at least a millisecond). */
    public Duration realDuration(Duration simulated) {
        return Duration.ofMillis(Math.max(1, (long) (simulated.toMillis() / scale)));
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(elapsedNanos());
    }

    /** Simulated nanoseconds since the origin. */
    private long elapsedNanos() {
        Mark m = mark;
        return m.paused() ? m.simulatedNanos() : m.simulatedNanos() + (long) ((System.nanoTime() - m.realNanos()) * scale);
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
