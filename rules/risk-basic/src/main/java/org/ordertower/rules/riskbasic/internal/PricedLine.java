package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.util.stream.Stream;

import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.ScreeningContext;

/**
 * A line whose unit price can be held against its SKU's base price: not a gift (free by design), not
 * a kit part (the kit line carries the money), with a unit price and a catalog SKU whose base price
 * is above 0.
 */
record PricedLine(OrderLine line, BigDecimal basePrice) {

    /** The order's lines that can be priced, in line order. */
    static Stream<PricedLine> of(ScreeningContext context) {
        return context.order().content().lines().stream()
                .filter(l -> !l.gift() && !Orders.isKitPart(l) && l.unitPrice() != null && l.masterSku() != null)
                .flatMap(l -> context.sku(l.masterSku()).map(Sku::basePrice)
                        .filter(base -> base != null && base.signum() > 0)
                        .map(base -> new PricedLine(l, base)).stream());
    }

    /** True when the unit price is under {@code ratio} of the base price. */
    boolean isUnder(BigDecimal ratio) {
        return line.unitPrice().compareTo(basePrice.multiply(ratio)) < 0;
    }

    /** For example {@code SKU-A unit price 40.00 < 50% of base price 100.00}. */
    String describe(BigDecimal ratio) {
        return Orders.label(line) + " unit price " + Orders.money(line.unitPrice()) + " < " + Orders.percent(ratio)
                + " of base price " + Orders.money(basePrice);
    }
}
