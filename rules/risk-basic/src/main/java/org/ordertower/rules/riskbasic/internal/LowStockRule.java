package org.ordertower.rules.riskbasic.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.ordertower.api.OrderLine;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * An order for SKUs that are about to run out: tagged {@code stockout-risk} so that it is picked
 * before the last units go elsewhere, and so that oversold orders are easy to find. Does nothing
 * without inventory (no sellable figure).
 */
record LowStockRule(int units) implements ScreeningRule {

    @Override
    public String name() {
        return "low-stock";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Map<String, Integer> low = new LinkedHashMap<>();
        context.order().content().lines().stream().map(OrderLine::masterSku).filter(Objects::nonNull).distinct()
                .forEach(sku -> context.sellable(sku).ifPresent(sellable -> {
                    if (sellable < units) {
                        low.put(sku, sellable);
                    }
                }));
        if (low.isEmpty()) {
            return List.of();
        }
        String skus = low.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return List.of(Finding.tag("stockout-risk", "sellable stock under " + units + ": " + skus));
    }
}
