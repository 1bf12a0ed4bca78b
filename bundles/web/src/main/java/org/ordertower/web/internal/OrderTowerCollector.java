package org.ordertower.web.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStats;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ShopStatus;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.api.rules.ScreeningService;

import io.prometheus.client.Collector;
import io.prometheus.client.CounterMetricFamily;
import io.prometheus.client.GaugeMetricFamily;

/**
 * OrderTower's figures for Prometheus, read from the services at each scrape (a service not installed gives no
 * figures): orders by channel and status, the share without a person, created-to-shipped p50/p99, each shop's pull
 * lag and counts, the review queue, failed partner calls and stuck parcels, stock push lag, and each rule's
 * evaluations, hits and time. Nothing here decides anything; a failing service leaves its figures out of the scrape
 * and counts in {@code ordertower_scrape_errors}.
 */
final class OrderTowerCollector extends Collector {
    /** The services, each null while not installed. */
    record Services(Supplier<OrderService> orders, Supplier<ChannelService> channels,
            Supplier<ScreeningService> rules, Supplier<FulfilmentService> fulfilment,
            Supplier<InventoryService> inventory) {
    }

    private final Services services;

    OrderTowerCollector(Services services) {
        this.services = services;
    }

    @Override
    public List<MetricFamilySamples> collect() {
        List<MetricFamilySamples> out = new ArrayList<>();
        Map<String, Integer> errors = new HashMap<>();
        part(errors, "orders", () -> orders(out));
        part(errors, "channels", () -> shops(out));
        part(errors, "rules", () -> rules(out));
        part(errors, "fulfilment", () -> fulfilment(out));
        part(errors, "inventory", () -> pushes(out));
        GaugeMetricFamily e = new GaugeMetricFamily("ordertower_scrape_errors",
                "1 when a service's figures could not be read in this scrape", List.of("service"));
        for (String s : List.of("orders", "channels", "rules", "fulfilment", "inventory")) {
            e.addMetric(List.of(s), errors.getOrDefault(s, 0));
        }
        out.add(e);
        return out;
    }

    private static void part(Map<String, Integer> errors, String name, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException failed) {
            errors.put(name, 1);
        }
    }

    private void orders(List<MetricFamilySamples> out) {
        OrderService orders = services.orders().get();
        if (orders == null) {
            return;
        }
        OrderStats stats = orders.stats();
        GaugeMetricFamily byStatus = new GaugeMetricFamily("ordertower_orders",
                "Orders in the database by channel and status", List.of("channel", "status"));
        GaugeMetricFamily without = new GaugeMetricFamily("ordertower_orders_without_person_ratio",
                "The share of orders that never waited for a person (in review or frozen)", List.of("channel"));
        GaugeMetricFamily shipped = new GaugeMetricFamily("ordertower_created_to_shipped_seconds",
                "Time from an order's creation to its first SHIPPED", List.of("channel", "quantile"));
        for (OrderStats.ChannelStats c : stats.channels()) {
            for (OrderStatus s : OrderStatus.values()) {
                byStatus.addMetric(List.of(c.channel(), s.name()), c.byStatus().getOrDefault(s, 0L));
            }
            without.addMetric(List.of(c.channel()), c.withoutPerson());
            seconds(shipped, c.channel(), "0.5", c.createdToShippedP50());
            seconds(shipped, c.channel(), "0.99", c.createdToShippedP99());
        }
        out.add(byStatus);
        out.add(without);
        out.add(shipped);
        OrderStats.ChannelStats all = stats.total();
        out.add(new GaugeMetricFamily("ordertower_review_waiting", "Orders waiting for a person (IN_REVIEW, FROZEN)",
                all.byStatus().getOrDefault(OrderStatus.IN_REVIEW, 0L)
                        + all.byStatus().getOrDefault(OrderStatus.FROZEN, 0L)));
    }

    private static void seconds(GaugeMetricFamily f, String channel, String quantile, Duration d) {
        if (d != null) {
            f.addMetric(List.of(channel, quantile), d.toMillis() / 1000.0);
        }
    }

    private void shops(List<MetricFamilySamples> out) {
        ChannelService channels = services.channels().get();
        if (channels == null) {
            return;
        }
        Instant now = Instant.now();
        List<String> labels = List.of("channel", "shop");
        GaugeMetricFamily lag = new GaugeMetricFamily("ordertower_shop_pull_lag_seconds",
                "How far behind the platform's clock a shop's pulls are (shops this node owns)", labels);
        CounterMetricFamily pulled = new CounterMetricFamily("ordertower_shop_orders_pulled",
                "Orders stored from a shop's pulls since this node started", labels);
        CounterMetricFamily events = new CounterMetricFamily("ordertower_shop_events_received",
                "Push or message events stored for a shop since this node started", labels);
        GaugeMetricFamily failing = new GaugeMetricFamily("ordertower_shop_error",
                "1 when a shop's last run ended in an error", labels);
        for (ShopStatus s : channels.shops()) {
            List<String> l = List.of(s.channel(), s.shop());
            if (s.owned() && s.caughtUpTo() != null) {
                lag.addMetric(l, Math.max(0, Duration.between(s.caughtUpTo(), now).toMillis() / 1000.0));
            }
            pulled.addMetric(l, s.ordersPulled());
            events.addMetric(l, s.eventsReceived());
            failing.addMetric(l, s.lastError() == null ? 0 : 1);
        }
        out.add(lag);
        out.add(pulled);
        out.add(events);
        out.add(failing);
    }

    private void rules(List<MetricFamilySamples> out) {
        ScreeningService rules = services.rules().get();
        if (rules == null) {
            return;
        }
        List<String> labels = List.of("rule");
        CounterMetricFamily evaluations = new CounterMetricFamily("ordertower_rule_evaluations",
                "Orders a rule looked at since its pack was installed on this node", labels);
        CounterMetricFamily hits = new CounterMetricFamily("ordertower_rule_hits", "Evaluations that found something",
                labels);
        CounterMetricFamily actions = new CounterMetricFamily("ordertower_rule_actions", "Findings acted on", labels);
        CounterMetricFamily shadow = new CounterMetricFamily("ordertower_rule_shadow_hits",
                "Findings recorded in shadow only", labels);
        CounterMetricFamily failures = new CounterMetricFamily("ordertower_rule_failures", "Evaluations that threw",
                labels);
        CounterMetricFamily time = new CounterMetricFamily("ordertower_rule_evaluation_seconds",
                "Time spent evaluating the rule, in all", labels);
        for (RuleStatistics s : rules.statistics()) {
            List<String> l = List.of(s.rule());
            evaluations.addMetric(l, s.evaluations());
            hits.addMetric(l, s.hits());
            actions.addMetric(l, s.actions());
            shadow.addMetric(l, s.shadowHits());
            failures.addMetric(l, s.failures());
            time.addMetric(l, s.nanos() / 1e9);
        }
        out.addAll(List.of(evaluations, hits, actions, shadow, failures, time));
    }

    private void fulfilment(List<MetricFamilySamples> out) {
        FulfilmentService fulfilment = services.fulfilment().get();
        if (fulfilment == null) {
            return;
        }
        GaugeMetricFamily failed = new GaugeMetricFamily("ordertower_failed_calls",
                "Partner calls that failed for good (ship:failed), by kind; counted up to 1,000", List.of("kind"));
        Map<String, Long> byKind = new HashMap<>();
        for (FailedCall c : fulfilment.failed(1000)) {
            byKind.merge(c.kind(), 1L, Long::sum);
        }
        byKind.forEach((k, n) -> failed.addMetric(List.of(k), n));
        out.add(failed);
        out.add(new GaugeMetricFamily("ordertower_stuck_parcels",
                "Parcels the watch flagged as not moving; counted up to 1,000", fulfilment.stuck(1000).size()));
    }

    private void pushes(List<MetricFamilySamples> out) {
        InventoryService inventory = services.inventory().get();
        if (inventory == null) {
            return;
        }
        GaugeMetricFamily lag = new GaugeMetricFamily("ordertower_stock_push_lag_seconds",
                "The newest stock push's delay from the stock change to the channel's answer", List.of("channel"));
        GaugeMetricFamily failed = new GaugeMetricFamily("ordertower_stock_push_failures",
                "Failed stock pushes among the last 500", List.of("channel"));
        Map<String, StockPush> newest = new HashMap<>();
        Map<String, Long> failures = new HashMap<>();
        for (StockPush p : inventory.recentPushes(500)) {
            newest.merge(p.channel(), p, (a, b) -> a.at().isAfter(b.at()) ? a : b);
            failures.merge(p.channel(), p.ok() ? 0L : 1L, Long::sum);
        }
        newest.forEach((ch, p) -> lag.addMetric(List.of(ch), p.lagMillis() / 1000.0));
        failures.forEach((ch, n) -> failed.addMetric(List.of(ch), n));
        out.add(lag);
        out.add(failed);
    }
}
