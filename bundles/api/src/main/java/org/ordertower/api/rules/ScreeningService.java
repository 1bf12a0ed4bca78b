package org.ordertower.api.rules;

import java.util.List;

import org.ordertower.api.Order;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Screens orders with the rules of every installed {@link RulePack}. Thread-safe. The core calls it
 * for each order after mapping and before stock is reserved, and acts on the decision.
 */
@ProviderType
public interface ScreeningService {
    /**
     * Runs every active rule on the order and remembers the order for later look-ups (same buyer,
     * same address). Never throws for a rule's failure: a failing rule becomes a REVIEW hit.
     *
     * @param order the order with its mapped lines
     */
    RiskDecision screen(Order order);

    /** The installed packs, by name. */
    List<RulePackStatus> packs();

    /** Per active rule, by name. */
    List<RuleStatistics> statistics();
}
