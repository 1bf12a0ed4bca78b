package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * Many orders to one address in a day, worth more than {@code amount} together (this order
 * included): resellers and scalpers spreading a limited item over accounts. REVIEW; FREEZE when this
 * order also has a line priced under {@code priceRatio} of its base price and the address had at
 * least {@code frequency} orders today before it.
 */
record AddressClusterRule(ZoneId zone, BigDecimal amount, int frequency, BigDecimal priceRatio)
        implements ScreeningRule {

    @Override
    public String name() {
        return "address-cluster";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        NormalizedOrder order = context.order().content();
        if (order.address() == null || order.address().oneLine().isBlank()) {
            return List.of();
        }
        List<OrderFact> today = Orders.earlier(
                context.ordersToAddress(Orders.startOfDay(context.now(), zone)), context.order());
        BigDecimal total = Orders.paid(today).add(Orders.paid(order));
        if (total.compareTo(amount) <= 0) {
            return List.of();
        }
        String evidence = (today.size() + 1) + " orders to the same address today, total " + Orders.money(total)
                + " > " + Orders.money(amount);
        Optional<PricedLine> cheap = PricedLine.of(context).filter(p -> p.isUnder(priceRatio)).findFirst();
        if (cheap.isPresent() && today.size() >= frequency) {
            return List.of(Finding.freeze(evidence + ", " + today.size() + " before this one (at least " + frequency
                    + ") and " + cheap.get().describe(priceRatio)));
        }
        return List.of(Finding.review(evidence));
    }
}
