package org.ordertower.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The order flow over time, in buckets of {@code step} from {@code from} (inclusive) to {@code to} (exclusive): per
 * bucket, the orders received per channel and the orders that moved into each status, as the audit trail records
 * them. A dashboard's live flow (per minute) and its today-against-yesterday (per hour) read it.
 *
 * @param buckets the start of each bucket, oldest first
 * @param received per channel, one count per bucket
 * @param statuses per status, one count per bucket: moves into that status
 */
public record OrderFlow(Instant from, Instant to, Duration step, List<Instant> buckets, Map<String, List<Long>> received,
        Map<OrderStatus, List<Long>> statuses) {
    /** The most buckets one flow has. */
    public static final int MAX_BUCKETS = 10_000;

    public OrderFlow {
        buckets = List.copyOf(buckets);
        received = Map.copyOf(received);
        statuses = Map.copyOf(statuses);
    }

    /**
     * Checks a flow's window.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from}, the step is under a second or the
     *     window has more than {@link #MAX_BUCKETS} buckets
     */
    public static void check(Instant from, Instant to, Duration step) {
        if (from == null || to == null || step == null) {
            throw new IllegalArgumentException("a flow needs from, to and step");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a flow's end " + to + " must be after its start " + from);
        }
        if (step.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("a flow's step must be at least one second, was " + step);
        }
        long n = (Duration.between(from, to).toMillis() + step.toMillis() - 1) / step.toMillis();
        if (n > MAX_BUCKETS) {
            throw new IllegalArgumentException("a flow has at most " + MAX_BUCKETS + " buckets; " + n + " asked");
        }
    }
}
