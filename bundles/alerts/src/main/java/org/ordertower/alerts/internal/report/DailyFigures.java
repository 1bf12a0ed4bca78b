package org.ordertower.alerts.internal.report;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.ordertower.api.OrderAnalytics;
import org.ordertower.api.OrderFlow;
import org.ordertower.api.OrderService;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.api.fulfilment.WarehouseHealth;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.rules.ReviewQueue;

/**
 * One day's figures for the daily report, read from the product's services: the orders of the day (per channel, per
 * hour, where they went, what was bought together), the status moves of the day, the warehouses' health, and what is
 * waiting now (calls failed for good, stuck parcels, the review queue). A service that is not installed leaves its
 * figures empty ({@code -1} for a count).
 *
 * @param hourly orders received in each hour of the day, 24 (23 or 25 on a day the clocks change)
 * @param moves moves into each status during the day
 * @param lowStockSkus SKUs with a low-stock alert during the day
 * @param failedCalls partner calls failed for good, now
 * @param stuckParcels parcels flagged as not moving, now
 * @param reviewWaiting orders waiting for a person, now
 */
public record DailyFigures(LocalDate date, ZoneId zone, Instant at, long orders, Map<String, Long> byChannel,
        List<Long> hourly, Map<OrderStatus, Long> moves, List<OrderAnalytics.Region> regions,
        List<OrderAnalytics.SkuPair> pairs, List<WarehouseHealth> warehouses, long lowStockSkus, long failedCalls,
        long stuckParcels, long reviewWaiting) {
    /** Counts of what is waiting are read up to this many. */
    static final int MAX_COUNTED = 1000;

    public DailyFigures {
        byChannel = Map.copyOf(byChannel);
        hourly = List.copyOf(hourly);
        moves = Map.copyOf(moves);
        regions = List.copyOf(regions);
        pairs = List.copyOf(pairs);
        warehouses = List.copyOf(warehouses);
    }

    /** Moves into {@code s} during the day. */
    public long moved(OrderStatus s) {
        return moves.getOrDefault(s, 0L);
    }

    /** The share of the day's orders that went to a person (review or frozen), 0 to 1; null without orders. */
    public Double neededPerson() {
        return orders == 0 ? null : Math.min(1.0, (double) (moved(OrderStatus.IN_REVIEW) + moved(OrderStatus.FROZEN)) / orders);
    }

    /** The product's services, each of which may be missing. */
    public record Services(Optional<OrderService> orders, Optional<FulfilmentService> fulfilment,
            Optional<InventoryService> inventory, Optional<ReviewQueue> review) {
    }

    /**
     * Reads the figures of {@code date} in {@code zone}.
     *
     * @throws org.ordertower.api.StoreUnavailableException when the database cannot be read
     */
    public static DailyFigures collect(LocalDate date, ZoneId zone, Services s, Instant now) {
        Instant from = date.atStartOfDay(zone).toInstant();
        Instant to = date.plusDays(1).atStartOfDay(zone).toInstant();
        long orders = 0;
        Map<String, Long> byChannel = new TreeMap<>();
        List<Long> hourly = new ArrayList<>();
        Map<OrderStatus, Long> moves = new TreeMap<>();
        List<OrderAnalytics.Region> regions = List.of();
        List<OrderAnalytics.SkuPair> pairs = List.of();
        if (s.orders().isPresent()) {
            OrderFlow flow = s.orders().get().flow(from, to, Duration.ofHours(1));
            long[] perHour = new long[flow.buckets().size()];
            for (Map.Entry<String, List<Long>> e : flow.received().entrySet()) {
                long sum = 0;
                for (int i = 0; i < e.getValue().size(); i++) {
                    perHour[i] += e.getValue().get(i);
                    sum += e.getValue().get(i);
                }
                byChannel.put(e.getKey(), sum);
                orders += sum;
            }
            for (long n : perHour) {
                hourly.add(n);
            }
            flow.statuses().forEach((st, counts) -> moves.put(st, counts.stream().mapToLong(Long::longValue).sum()));
            OrderAnalytics a = s.orders().get().analytics(from, to, 5);
            regions = a.regions();
            pairs = a.boughtTogether();
        }
        List<WarehouseHealth> warehouses = s.fulfilment().map(f -> f.warehouses(from, to)).orElse(List.of());
        long failed = s.fulfilment().map(f -> (long) f.failed(MAX_COUNTED).size()).orElse(-1L);
        long stuck = s.fulfilment().map(f -> (long) f.stuck(MAX_COUNTED).size()).orElse(-1L);
        long low = s.inventory().map(inv -> inv.alerts(MAX_COUNTED).stream()
                .filter(a -> !a.at().isBefore(from) && a.at().isBefore(to)).map(StockAlert::sku).distinct().count())
                .orElse(-1L);
        long waiting = s.review().map(q -> (long) q.list(MAX_COUNTED).size()).orElse(-1L);
        return new DailyFigures(date, zone, now, orders, byChannel, hourly, moves, regions, pairs, warehouses, low, failed,
                stuck, waiting);
    }
}
