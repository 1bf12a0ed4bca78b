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

    /** The defaults of an installed pack's parameters (empty when there is no such pack). */
    default java.util.Map<String, String> defaults(String pack) {
        return java.util.Map.of();
    }

    /**
     * Changes a pack's parameters, with {@code shadow} and {@code disabled} (comma-separated rule names) among them,
     * for a caller who may tune rules ({@link org.ordertower.api.Access#RULE_TUNERS}): checked first, then kept as
     * the pack's configuration (its {@code etc/} file) and applied to the next order.
     *
     * @return the pack as it runs now
     * @throws org.ordertower.api.AccessDeniedException when the caller may not tune rules
     * @throws IllegalArgumentException naming every bad value (nothing changed: the pack keeps its parameters)
     */
    default RulePackStatus tune(String pack, java.util.Map<String, String> parameters, org.ordertower.api.Caller caller) {
        throw new UnsupportedOperationException("this rules engine cannot tune its packs");
    }

    /**
     * What the pack with these parameters would decide on these orders, against what it decides now; changes nothing.
     *
     * @throws IllegalArgumentException naming every bad value, or when no such pack is installed
     */
    default RuleReplay replay(String pack, java.util.Map<String, String> parameters,
            java.util.List<org.ordertower.api.Order> orders) {
        throw new UnsupportedOperationException("this rules engine cannot replay its packs");
    }
}
