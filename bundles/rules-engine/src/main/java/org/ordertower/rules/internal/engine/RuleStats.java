package org.ordertower.rules.internal.engine;

import java.util.concurrent.atomic.LongAdder;

import org.ordertower.api.rules.RuleStatistics;

/** Counters of one rule on this node since it was installed; thread-safe. */
public final class RuleStats {
    final LongAdder evaluations = new LongAdder();
    final LongAdder hits = new LongAdder();
    final LongAdder actions = new LongAdder();
    final LongAdder shadowHits = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder nanos = new LongAdder();

    /** A copy of the counters. */
    public RuleStatistics snapshot(String rule, boolean shadow) {
        return new RuleStatistics(rule, shadow, evaluations.sum(), hits.sum(), actions.sum(), shadowHits.sum(),
                failures.sum(), nanos.sum());
    }
}
