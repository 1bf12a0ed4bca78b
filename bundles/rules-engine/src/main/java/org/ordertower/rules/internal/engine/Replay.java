package org.ordertower.rules.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RiskDecision.RuleHit;
import org.ordertower.api.rules.RuleReplay;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;
import org.ordertower.rules.internal.history.OrderHistory;

/**
 * A replay: stored orders screened twice, with the packs as they run and with one pack's new rules, each order as of
 * the time it came in (the history of orders before it, never itself nor later ones), and the orders whose decision
 * differs. The rules run directly, not through easy-rules, so the live statistics are untouched; a rule that throws
 * is a REVIEW hit, as when screening for real. Stock is today's: a rule on sellable stock sees today's figures.
 */
final class Replay {
    /** One pack's rules as they run in a replay. */
    record Pack(String name, List<ScreeningRule> rules, Set<String> shadow, Set<String> disabled) {
    }

    private final OrderHistory history;
    private final Function<String, Optional<Sku>> skus;
    private final Function<String, OptionalInt> sellable;

    Replay(OrderHistory history, Function<String, Optional<Sku>> skus, Function<String, OptionalInt> sellable) {
        this.history = history;
        this.skus = skus;
        this.sellable = sellable;
    }

    RuleReplay run(String pack, List<Pack> now, List<Pack> then, List<Order> orders) {
        List<RuleReplay.Change> changes = new ArrayList<>();
        List<Order> sorted = orders.stream().sorted(Comparator.comparing(Order::receivedAt)).toList();
        for (Order o : sorted) {
            ScreeningContext context = new AsOf(new ScreeningFacts(o, o.receivedAt(), history, skus, sellable,
                    List.of()));
            RiskDecision before = decide(now, context);
            RiskDecision after = decide(then, context);
            if (before.level() != after.level() || !rules(before).equals(rules(after))) {
                changes.add(new RuleReplay.Change(o.id(), o.receivedAt(), before, after));
            }
        }
        return new RuleReplay(pack, orders.size(), changes);
    }

    private static List<String> rules(RiskDecision d) {
        return d.acting().stream().map(RuleHit::rule).sorted().toList();
    }

    private static RiskDecision decide(List<Pack> packs, ScreeningContext context) {
        List<RuleHit> hits = new ArrayList<>();
        RiskLevel level = RiskLevel.NONE;
        for (Pack p : packs) {
            for (ScreeningRule r : p.rules().stream().sorted(Comparator.comparingInt(ScreeningRule::priority)).toList()) {
                if (p.disabled().contains(r.name())) {
                    continue;
                }
                String name = p.name() + "/" + r.name();
                boolean shadow = p.shadow().contains(r.name());
                List<Finding> found;
                try {
                    found = r.evaluate(context);
                } catch (RuntimeException e) {
                    found = List.of(Finding.review("rule " + name + " failed: " + e));
                }
                for (Finding f : found == null ? List.<Finding>of() : found) {
                    hits.add(new RuleHit(name, f, shadow));
                    if (!shadow) {
                        level = level.max(f.level());
                    }
                }
            }
        }
        return new RiskDecision(level, hits);
    }

    /** The order history as it was when the order came in: neither the order itself nor any later order. */
    private static final class AsOf implements ScreeningContext {
        private final ScreeningContext facts;

        AsOf(ScreeningContext facts) {
            this.facts = facts;
        }

        private List<OrderFact> before(List<OrderFact> all) {
            long id = facts.order().id();
            Instant at = facts.now();
            return all.stream().filter(f -> f.orderId() != id && f.at().isBefore(at)).toList();
        }

        @Override
        public Order order() {
            return facts.order();
        }

        @Override
        public Instant now() {
            return facts.now();
        }

        @Override
        public Optional<Sku> sku(String code) {
            return facts.sku(code);
        }

        @Override
        public OptionalInt sellable(String sku) {
            return facts.sellable(sku);
        }

        @Override
        public List<OrderFact> ordersOfBuyer(Instant since) {
            return before(facts.ordersOfBuyer(since));
        }

        @Override
        public List<OrderFact> ordersToAddress(Instant since) {
            return before(facts.ordersToAddress(since));
        }

        @Override
        public List<OrderFact> ordersOfPhone(Instant since) {
            return before(facts.ordersOfPhone(since));
        }

        @Override
        public List<OrderFact> ordersFromDevice(Instant since) {
            return before(facts.ordersFromDevice(since));
        }

        @Override
        public List<OrderFact> ordersFromIp(Instant since) {
            return before(facts.ordersFromIp(since));
        }
    }
}
