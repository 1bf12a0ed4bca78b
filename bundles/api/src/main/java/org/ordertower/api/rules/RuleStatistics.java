package org.ordertower.api.rules;

/**
 * What one rule did on this node since it was installed.
 *
 * @param rule {@code <pack>/<rule>}
 * @param shadow whether it runs in shadow now
 * @param evaluations orders it looked at
 * @param hits evaluations that found something (acting or in shadow)
 * @param actions findings acted on
 * @param shadowHits findings recorded in shadow only
 * @param failures evaluations that threw
 * @param nanos time spent evaluating, in all
 */
public record RuleStatistics(String rule, boolean shadow, long evaluations, long hits, long actions, long shadowHits,
        long failures, long nanos) {

    /** Mean evaluation time in microseconds. */
    public double meanMicros() {
        return evaluations == 0 ? 0 : nanos / 1000.0 / evaluations;
    }
}
