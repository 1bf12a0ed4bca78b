package org.ordertower.rules.riskbasic.internal;

import java.math.BigDecimal;
import java.util.List;

import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A line sold far under its SKU's base price: a pricing mistake on the platform or an abused coupon,
 * to be looked at before the goods leave. One finding per line: FREEZE under {@code freezeRatio},
 * else REVIEW under {@code reviewRatio}.
 */
record PriceDeviationRule(BigDecimal reviewRatio, BigDecimal freezeRatio) implements ScreeningRule {

    @Override
    public String name() {
        return "price-deviation";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        return PricedLine.of(context).<Finding>mapMulti((line, findings) -> {
            if (line.isUnder(freezeRatio)) {
                findings.accept(Finding.freeze(line.describe(freezeRatio)));
            } else if (line.isUnder(reviewRatio)) {
                findings.accept(Finding.review(line.describe(reviewRatio)));
            }
        }).toList();
    }
}
