package org.ordertower.rules.riskbasic.internal;

import java.util.List;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Marks an order not (fully) paid with {@code awaiting-payment}, so that it shows in lists and
 * reports. The core already holds unpaid orders; this rule only marks them.
 */
record UnpaidRule() implements ScreeningRule {

    @Override
    public String name() {
        return "unpaid";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        NormalizedOrder order = context.order().content();
        PaymentStatus status = order.paymentStatus();
        if (status != PaymentStatus.UNPAID && status != PaymentStatus.PARTIALLY_PAID) {
            return List.of();
        }
        String evidence = "payment status " + status + ", paid " + Orders.money(Orders.paid(order));
        return List.of(Finding.tag("awaiting-payment", evidence));
    }
}
