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
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.Finding.Fix;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;

/**
 * The same buyer, phone, device fingerprint or IP address ordered one of this order's master SKUs
 * within {@code window}: a double submit, a retried payment, a split basket or a second account on the
 * same device, to merge or cancel rather than ship twice. One REVIEW finding naming every earlier
 * order and what it shares, each tagged {@code merge-candidate:<order id>}. Device and IP count only
 * where the platform gives them.
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
        ChannelFacts facts = order.content().facts();
        if (skus.isEmpty()) {
            return List.of();
        }
        // within the window before the order was placed, by the platform's clock as the earlier orders' times are: a
        // platform whose clock is off this node's, or an order taken in late, is measured against its own time
        Instant placed = order.content().createdAt();
        Instant since = (placed != null ? placed : context.now()).minus(window);
        Map<Long, Match> matches = new TreeMap<>();
        if (buyer != null && !Orders.isBlank(buyer.platformBuyerId())) {
            match(Orders.earlier(context.ordersOfBuyer(since), order), "buyer", skus, matches);
        }
        if (buyer != null && !Orders.isBlank(buyer.phone())) {
            match(Orders.earlier(context.ordersOfPhone(since), order), "phone", skus, matches);
        }
        if (!Orders.isBlank(facts.deviceId())) {
            match(Orders.earlier(context.ordersFromDevice(since), order), "device", skus, matches);
        }
        if (!Orders.isBlank(facts.buyerIp())) {
            match(Orders.earlier(context.ordersFromIp(since), order), "IP", skus, matches);
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
