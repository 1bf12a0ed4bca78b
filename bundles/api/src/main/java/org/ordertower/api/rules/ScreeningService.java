package org.ordertower.api.rules;

import java.util.List;

import org.ordertower.api.Order;
import org.ordertower.api.inventory.GiftDecision;
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

    /**
     * Like {@link #screen(Order)}, with the gift lines the catalog refused on this order, which the
     * rules see as {@link ScreeningContext#refusedGifts()} (and may take off the order). The core calls
     * this one when the catalog refused a gift. The default ignores them and screens the order alone,
     * for engines written before 2.2.
     *
     * @param order the order with its mapped lines, the refused gift lines still on it
     * @param refusedGifts the catalog's refusals ({@link GiftDecision#ineligible()}); may be empty
     * @since 2.2
     */
    default RiskDecision screen(Order order, List<GiftDecision.Problem> refusedGifts) {
        return screen(order);
    }

    /** The installed packs, by name. */
    List<RulePackStatus> packs();

    /** Per active rule, by name. */
    List<RuleStatistics> statistics();
}
