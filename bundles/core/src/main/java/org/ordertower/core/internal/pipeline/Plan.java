package org.ordertower.core.internal.pipeline;

import java.util.List;

import org.ordertower.api.Address;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.RiskDecision.RuleHit;

/**
 * What the pipeline decided for one order, made on the order as read and applied only if the order
 * is still at that revision.
 *
 * @param order the order as the decision saw it
 * @param lines the order's new lines, or null to keep them
 * @param linesNote why the lines changed (for the audit trail)
 * @param steps the status changes, in order
 * @param reserved true when the inventory holds stock for this order now: if the plan cannot be
 *     applied, or leaves the order anywhere but RESERVED, the stock is given back
 */
record Plan(Order order, List<OrderLine> lines, String linesNote, List<Step> steps, boolean reserved,
        Screened screened) {

    Plan(Order order, List<OrderLine> lines, String linesNote, List<Step> steps, boolean reserved) {
        this(order, lines, linesNote, steps, reserved, null);
    }

    static Plan move(Order order, OrderStatus to, String hold, String reason) {
        return new Plan(order, null, null, List.of(new Step(to, hold, reason)), false);
    }

    /** The same order sent to review instead, keeping what {@link #reserved} says. */
    Plan toReview(String reason) {
        return new Plan(order, null, null, List.of(new Step(OrderStatus.IN_REVIEW, null, reason)), reserved);
    }

    /**
     * What the rules found, to record with the plan.
     *
     * @param level the order's new risk level
     * @param hits every hit, shadow ones included (each becomes an audit row)
     * @param tags the order's tags after the fixes
     * @param address the completed address, or null to keep the order's
     */
    record Screened(RiskLevel level, List<RuleHit> hits, List<String> tags, Address address) {
    }

    OrderStatus finalStatus() {
        return steps.isEmpty() ? order.status() : steps.get(steps.size() - 1).to();
    }

    /**
     * One status change.
     *
     * @param hold the hold reason when {@code to} is ON_HOLD, else null
     * @param reason why, for the audit trail
     */
    record Step(OrderStatus to, String hold, String reason) {
    }
}
