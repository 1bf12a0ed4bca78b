package org.ordertower.rules.internal.engine;

import java.util.concurrent.atomic.LongAdder;

/** Counters of one rule on this node since it was installed; thread-safe. */
public final class RuleStats {
    final LongAdder evaluations = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder actions = new LongAdder();
    final LongAdder shadowHits = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder nanos = new LongAdder();

    /** A copy of the counters. */
    public Snapshot snapshot(String rule, boolean shadow) {
        return new Snapshot(rule, shadow, evaluations.sum(), hits.sum(), actions.sum(), shadowHits.sum(), failures.sum(),
                nanos.sum());
    }

    /**
     * @param hits evaluations that found something (acting or in shadow)
     * @param actions findings acted on
     * @param shadowHits findings recorded in shadow only
     * @param nanos time spent evaluating, in all
     */
    public record Snapshot(String rule, boolean shadow, long evaluations, long hits, long actions, long shadowHits,
            long failures, long nanos) {
        public double meanMicros() {
            return evaluations == 0 ? 0 : nanos / 1000.0 / evaluations;
        }
    }
}
