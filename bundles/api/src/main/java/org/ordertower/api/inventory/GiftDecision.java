package org.ordertower.api.inventory;

import java.util.List;

import org.ordertower.api.OrderLine;

/**
 * What the gift rules say about one order.
 *
 * @param ineligible each gift line on the order that no rule allows, with the reason
 * @param added gift lines the rules add to the order (rules with auto-add whose gift is not already
 *     on it); line numbers {@code gift/<rule id>}
 */
public record GiftDecision(List<Problem> ineligible, List<OrderLine> added) {

    public GiftDecision {
        ineligible = List.copyOf(ineligible);
        added = List.copyOf(added);
    }

    /** A gift line that may not be given. */
    public record Problem(String lineNo, String sku, String reason) {
    }
}
