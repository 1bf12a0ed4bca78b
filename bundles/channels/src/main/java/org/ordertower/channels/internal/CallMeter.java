package org.ordertower.channels.internal;

import java.time.Clock;

/**
 * Calls counted per minute over the last {@link #MINUTES} minutes, for a rate a person reads ("pushes a minute"), and
 * in all since start. Thread-safe.
 */
final class CallMeter {
    static final int MINUTES = 10;
    private final Clock clock;
    private final long[] minuteOf = new long[MINUTES];
    private final long[] counts = new long[MINUTES];
    private long total;

    CallMeter(Clock clock) {
        this.clock = clock;
    }

    synchronized void mark() {
        long minute = clock.millis() / 60_000;
        int i = (int) (minute % MINUTES);
        if (minuteOf[i] != minute) {
            minuteOf[i] = minute;
            counts[i] = 0;
        }
        counts[i]++;
        total++;
    }

    /** Calls since start. */
    synchronized long total() {
        return total;
    }

    /** Calls a minute, averaged over the last {@link #MINUTES} whole and current minutes. */
    synchronized double perMinute() {
        long now = clock.millis() / 60_000;
        long sum = 0;
        for (int i = 0; i < MINUTES; i++) {
            if (now - minuteOf[i] < MINUTES) {
                sum += counts[i];
            }
        }
        return Math.round(sum * 10.0 / MINUTES) / 10.0;
    }
}
