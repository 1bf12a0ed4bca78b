package org.ordertower.rules.riskbasic.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Buyer;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * A buyer who bought more units of one SKU today than the merchant allows (limited editions, loss
 * leaders), counting the buyer's earlier orders today and this one: REVIEW, one finding per SKU.
 * The limit of a SKU is its entry in {@code limits}, else {@code defaultLimit}; 0 means no limit.
 * Units are counted as {@link Orders#unitsBySku} does (kits as their parts, gifts left out).
 */
record PurchaseLimitRule(ZoneId zone, int defaultLimit, Map<String, Integer> limits) implements ScreeningRule {

    PurchaseLimitRule {
        limits = Map.copyOf(limits);
    }

    @Override
    public String name() {
        return "purchase-limit";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Buyer buyer = context.order().content().buyer();
        if (buyer == null || Orders.isBlank(buyer.platformBuyerId())) {
            return List.of();
        }
        Map<String, Long> limited = Orders.unitsBySku(context.order().content().lines());
        limited.keySet().removeIf(sku -> limit(sku) == 0);
        if (limited.isEmpty()) {
            return List.of();
        }
        List<OrderFact> today = Orders.earlier(
                context.ordersOfBuyer(Orders.startOfDay(context.now(), zone)), context.order());
        return limited.entrySet().stream().<Finding>mapMulti((e, findings) -> {
            String sku = e.getKey();
            long before = today.stream().mapToLong(f -> Orders.units(f, sku)).sum();
            long total = before + e.getValue();
            if (total > limit(sku)) {
                findings.accept(Finding.review("buyer bought " + total + " units of " + sku + " today (" + before
                        + " before this order) > limit " + limit(sku)));
            }
        }).toList();
    }

    private int limit(String sku) {
        return limits.getOrDefault(sku, defaultLimit);
    }
}
