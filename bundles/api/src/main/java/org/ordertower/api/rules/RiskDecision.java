package org.ordertower.api.rules;

import java.util.List;

import org.ordertower.api.RiskLevel;

/**
 * The outcome of screening one order.
 *
 * @param level the most severe level of the hits that act (shadow hits do not count); NONE when none
 * @param hits every finding of every rule, in rule order, shadow ones included
 */
public record RiskDecision(RiskLevel level, List<RuleHit> hits) {

    public RiskDecision {
        hits = List.copyOf(hits);
    }

    /** The hits that act (not in shadow). */
    public List<RuleHit> acting() {
        return hits.stream().filter(h -> !h.shadow()).toList();
    }

    /**
     * One finding of one rule.
     *
     * @param rule {@code <pack>/<rule>}
     * @param shadow true when the rule runs in shadow: recorded, not acted on
     */
    public record RuleHit(String rule, Finding finding, boolean shadow) {
    }
}
