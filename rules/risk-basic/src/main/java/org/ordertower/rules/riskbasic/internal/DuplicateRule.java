package org.ordertower.rules.riskbasic.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.ordertower.api.Buyer;
import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.Finding.Fix;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * The same buyer or the same phone ordered one of this order's master SKUs within {@code window}: a
 * double submit, a retried payment or a split basket, to merge or cancel rather than ship twice. One
 * REVIEW finding naming every earlier order, each tagged {@code merge-candidate:<order id>}.
 *
 * <p>Device fingerprint and IP would also catch other accounts on the same device, but the order
 * model does not carry them yet.
 */
record DuplicateRule(Duration window) implements ScreeningRule {

    @Override
    public String name() {
        return "duplicate";
    }

    @Override
    public List<Finding> evaluate(ScreeningContext context) {
        Order order = context.order();
        Set<String> skus = Orders.unitsBySku(order.content().lines()).keySet();
        Buyer buyer = order.content().buyer();
        if (skus.isEmpty() || buyer == null) {
            return List.of();
        }
        Instant since = context.now().minus(window);
        Map<Long, Match> matches = new TreeMap<>();
        if (!Orders.isBlank(buyer.platformBuyerId())) {
            match(Orders.earlier(context.ordersOfBuyer(since), order), "buyer", skus, matches);
        }
        if (!Orders.isBlank(buyer.phone())) {
            match(Orders.earlier(context.ordersOfPhone(since), order), "phone", skus, matches);
        }
        if (matches.isEmpty()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>();
        List<String> orders = new ArrayList<>();
        matches.forEach((id, m) -> {
            tags.add("merge-candidate:" + id);
            orders.add("order " + id + " (same " + String.join(" and ", m.by()) + ": " + String.join(", ", m.skus()) + ")");
        });
        String evidence = "ordered again within " + window.toMinutes() + " minutes: " + String.join(", ", orders);
        return List.of(new Finding(RiskLevel.REVIEW, evidence, new Fix(tags, null)));
    }

    private static void match(List<OrderFact> facts, String by, Set<String> skus, Map<Long, Match> matches) {
        for (OrderFact fact : facts) {
            Set<String> shared = fact.items().stream().map(StockItem::sku).filter(skus::contains)
                    .collect(Collectors.toCollection(TreeSet::new));
            if (!shared.isEmpty()) {
                Match m = matches.computeIfAbsent(fact.orderId(), id -> new Match(new TreeSet<>(), new TreeSet<>()));
                m.by().add(by);
                m.skus().addAll(shared);
            }
        }
    }

    /** How an earlier order matches: by buyer and/or phone, and the SKUs it shares. */
    private record Match(Set<String> by, Set<String> skus) {
    }
}
