package org.ordertower.api.rules;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rule pack with new parameters would have decided on stored orders, against what it decides now
 * ({@link ScreeningService#replay}): nothing is changed by a replay. Each order is screened as of the time it came in
 * (the order history before it, without itself); stock is today's.
 *
 * @param pack the pack replayed
 * @param orders how many orders were screened
 * @param changes the orders whose decision would change, oldest first
 */
public record RuleReplay(String pack, int orders, List<Change> changes) {
    public RuleReplay {
        changes = List.copyOf(changes);
    }

    /** One order whose decision changes: as the rules decide now and with the new parameters. */
    public record Change(long orderId, Instant at, RiskDecision before, RiskDecision after) {
    }

    /** How many orders move from one level to another, by {@code "NONE→REVIEW"}, sorted. */
    public Map<String, Long> byChange() {
        Map<String, Long> out = new TreeMap<>();
        for (Change c : changes) {
            out.merge(c.before().level() + "→" + c.after().level(), 1L, Long::sum);
        }
        return out;
    }
}
