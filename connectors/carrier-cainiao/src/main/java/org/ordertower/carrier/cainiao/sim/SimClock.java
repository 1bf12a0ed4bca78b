package org.ordertower.carrier.cainiao.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The simulator's accelerated clock for parcel movement: {@code timeScale} simulated seconds pass per real second,
 * and tests jump it forward with {@link #advance}. Starts at the real time. Thread-safe.
 */
final class SimClock extends Clock {
    private final Clock real;
    private final Instant realStart;
    private final double timeScale;
    private volatile Duration offset = Duration.ZERO;

    SimClock(Clock real, double timeScale) {
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive, was " + timeScale);
        }
        this.real = real;
        this.realStart = real.instant();
        this.timeScale = timeScale;
    }

    synchronized void advance(Duration d) {
        offset = offset.plus(d);
    }

    @Override
    public Instant instant() {
        long realNanos = Duration.between(realStart, real.instant()).toNanos();
        return realStart.plusNanos((long) (realNanos * timeScale)).plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the simulator's clock runs in UTC");
    }
}
