package org.ordertower.core.internal.intake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.OrderStats;
import org.ordertower.api.OrderStatus;
import org.ordertower.jdbc.Tx;

/**
 * The SQL behind {@link org.ordertower.api.OrderService#stats()}: grouped reads (orders per channel and status,
 * orders that were ever in review or frozen, orders that shipped, and the first SHIPPED of each order shipped within
 * {@link OrderStats#SHIPPED_WINDOW}) on the indexes of V13, and the percentiles worked out here.
 */
final class OrderStatsQuery {
    private OrderStatsQuery() {
    }

    /** What the audit trail says about the orders: slower to read, and it changes slowly. */
    record History(Map<String, Long> person, Map<String, Long> shippedCount, Map<String, List<Long>> shipped) {
    }

    static OrderStats run(Tx tx, Instant now) throws SQLException {
        return combine(now, counts(tx), history(tx, now));
    }

    /** Orders per channel and status: one grouped read of the orders (its index). */
    static Map<String, Map<OrderStatus, Long>> counts(Tx tx) throws SQLException {
        Map<String, Map<OrderStatus, Long>> byStatus = new TreeMap<>();
        try (ResultSet rs = tx.prepare("SELECT channel, status, COUNT(*) FROM orders GROUP BY channel, status").executeQuery()) {
            while (rs.next()) {
                byStatus.computeIfAbsent(rs.getString(1), k -> new EnumMap<>(OrderStatus.class))
                        .put(OrderStatus.valueOf(rs.getString(2)), rs.getLong(3));
            }
        }
        return byStatus;
    }

    /** Orders that needed a person, orders shipped, and the created-to-shipped times of the window. */
    static History history(Tx tx, Instant now) throws SQLException {
        Map<String, Long> person = new TreeMap<>();
        PreparedStatement ps = tx.prepare("SELECT o.channel, COUNT(DISTINCT a.order_id) FROM audit a JOIN orders o ON o.id = "
                + "a.order_id WHERE a.field = 'status' AND a.new_value IN ('IN_REVIEW', 'FROZEN') GROUP BY o.channel");
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                person.put(rs.getString(1), rs.getLong(2));
            }
        }
        Map<String, Long> shippedCount = new TreeMap<>();
        ps = tx.prepare("SELECT o.channel, COUNT(DISTINCT a.order_id) FROM audit a JOIN orders o ON o.id = a.order_id "
                + "WHERE a.field = 'status' AND a.new_value = 'SHIPPED' GROUP BY o.channel");
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                shippedCount.put(rs.getString(1), rs.getLong(2));
            }
        }
        // the times of the orders that shipped within the window: what the people on duty judge today by
        Map<String, List<Long>> shipped = new TreeMap<>();
        ps = tx.prepare("SELECT o.channel, o.created_at, MIN(a.at) FROM audit a JOIN orders o ON o.id = a.order_id "
                + "WHERE a.field = 'status' AND a.new_value = 'SHIPPED' AND a.at >= ? GROUP BY o.id, o.channel, o.created_at");
        ps.setObject(1, now.minus(OrderStats.SHIPPED_WINDOW).atOffset(java.time.ZoneOffset.UTC));
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Instant created = rs.getObject(2, OffsetDateTime.class).toInstant();
                Instant at = rs.getObject(3, OffsetDateTime.class).toInstant();
                shipped.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(Math.max(0,
                        Duration.between(created, at).toMillis()));
            }
        }
        return new History(person, shippedCount, shipped);
    }

    static OrderStats combine(Instant now, Map<String, Map<OrderStatus, Long>> byStatus, History h) {
        Map<String, Long> person = h.person();
        Map<String, Long> shippedCount = h.shippedCount();
        Map<String, List<Long>> shipped = h.shipped();
        List<OrderStats.ChannelStats> rows = new ArrayList<>();
        Map<OrderStatus, Long> allStatus = new EnumMap<>(OrderStatus.class);
        List<Long> allShipped = new ArrayList<>();
        long allPerson = 0;
        long allShippedCount = 0;
        for (Map.Entry<String, Map<OrderStatus, Long>> e : byStatus.entrySet()) {
            String channel = e.getKey();
            List<Long> times = shipped.getOrDefault(channel, List.of());
            long p = person.getOrDefault(channel, 0L);
            long left = shippedCount.getOrDefault(channel, 0L);
            rows.add(row(channel, e.getValue(), p, left, times));
            allShippedCount += left;
            e.getValue().forEach((s, n) -> allStatus.merge(s, n, Long::sum));
            allShipped.addAll(times);
            allPerson += p;
        }
        return new OrderStats(now, rows, row("*", allStatus, allPerson, allShippedCount, allShipped));
    }

    private static OrderStats.ChannelStats row(String channel, Map<OrderStatus, Long> byStatus, long person, long shipped,
            List<Long> times) {
        long orders = byStatus.values().stream().mapToLong(Long::longValue).sum();
        List<Long> sorted = times.stream().sorted().toList();
        return new OrderStats.ChannelStats(channel, byStatus, orders, person, shipped, percentile(sorted, 50),
                percentile(sorted, 99));
    }

    /** The nearest-rank percentile of sorted millisecond figures; null for none. */
    static Duration percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return null;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return Duration.ofMillis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1))));
    }
}
