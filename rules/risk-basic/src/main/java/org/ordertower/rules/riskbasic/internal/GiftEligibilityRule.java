package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A gift that should not ship: its main item is gone (refunded or removed) or the goods paid are under
 * the gift threshold. Gift lines are the top-level lines marked gift (a kit part follows its kit).
 * When the price of a bought line is unknown the threshold is not judged.
 */
record GiftEligibilityRule(BigDecimal minAmount) implements ScreeningRule {

    @Override
    public String name() {
        return "gift-eligibility";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        List<OrderLine> lines = context.order().content().lines();
        List<OrderLine> gifts = lines.stream().filter(l -> l.gift() && !Orders.isKitPart(l)).toList();
        if (gifts.isEmpty()) {
            return List.of();
        }
        String labels = gifts.stream().map(Orders::label).collect(Collectors.joining(", "));
        if (lines.stream().allMatch(OrderLine::gift)) {
            return List.of(Finding.review("gift " + labels + " without a main item on the order"));
        }
        return goodsPaid(lines).filter(paid -> paid.compareTo(minAmount) < 0)
                .map(paid -> Finding.review("gift " + labels + " on goods paid " + Orders.money(paid) + " < "
                        + Orders.money(minAmount)))
                .stream().toList();
    }

    /** What the buyer paid for the bought top-level lines; empty when a line's amount is unknown. */
    private static Optional<BigDecimal> goodsPaid(List<OrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            if (!line.gift() && !Orders.isKitPart(line)) {
                BigDecimal paid = line.paidAmount() != null ? line.paidAmount()
                        : line.unitPrice() != null ? line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())) : null;
                if (paid == null) {
                    return Optional.empty();
                }
                sum = sum.add(paid);
            }
        }
        return Optional.of(sum);
    }
}
