package org.ordertower.api.channel;

import java.time.Duration;

/**
 * A platform's rules for incremental pull, which core's puller follows.
 *
 * @param maxWindow the longest window one pull may ask for (the platform's limit, or its advice)
 * @param overlap how far each new window reaches back over the previous one, to catch orders whose
 *     modified time lands late; the overlap's duplicates are harmless (intake is idempotent)
 * @param lag how far behind the platform's clock the window end stays (platforms advise a few minutes)
 * @param interval how often to pull when pushes also arrive (a low rate) or when they do not
 * @param maxLookBack how far back the platform keeps data; a cursor older than this starts here
 */
public record PullPolicy(Duration maxWindow, Duration overlap, Duration lag, Duration interval, Duration maxLookBack) {

    /** 30-minute windows, 1-minute overlap, 3 minutes behind the platform, every minute, 90 days back. */
    public static final PullPolicy DEFAULT = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1),
            Duration.ofMinutes(3), Duration.ofMinutes(1), Duration.ofDays(90));

    public PullPolicy {
        if (maxWindow.isNegative() || maxWindow.isZero()) {
            throw new IllegalArgumentException("maxWindow must be positive");
        }
        if (overlap.isNegative() || overlap.compareTo(maxWindow) >= 0) {
            throw new IllegalArgumentException("overlap must be at least 0 and shorter than maxWindow");
        }
        if (lag.isNegative() || interval.isNegative() || interval.isZero() || maxLookBack.compareTo(maxWindow) < 0) {
            throw new IllegalArgumentException("lag must be at least 0, interval positive, maxLookBack at least maxWindow");
        }
    }
}
