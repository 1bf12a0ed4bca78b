package org.ordertower.core.internal.intake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.OrderFlow;
import org.ordertower.api.OrderStatus;
import org.ordertower.jdbc.Tx;

/**
 * The SQL behind {@link org.ordertower.api.OrderService#flow}: orders received in the window by channel (the orders
 * table) and moves into each status (the audit trail's status rows, by {@code audit_at_idx}), counted into buckets
 * here so the SQL is the same on H2 and PostgreSQL.
 */
final class OrderFlowQuery {
    private OrderFlowQuery() {
    }

    static OrderFlow run(Tx tx, Instant from, Instant to, Duration step) throws SQLException {
        int n = (int) ((Duration.between(from, to).toMillis() + step.toMillis() - 1) / step.toMillis());
        List<Instant> buckets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            buckets.add(from.plus(step.multipliedBy(i)));
        }
        Map<String, long[]> received = new TreeMap<>();
        PreparedStatement ps = tx.prepare("SELECT channel, received_at FROM orders WHERE received_at >= ? "
                + "AND received_at < ?");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int b = bucket(rs.getObject(2, OffsetDateTime.class), from, step, n);
                if (b >= 0) {
                    received.computeIfAbsent(rs.getString(1), k -> new long[n])[b]++;
                }
            }
        }
        Map<OrderStatus, long[]> statuses = new EnumMap<>(OrderStatus.class);
        ps = tx.prepare("SELECT new_value, at FROM audit WHERE at >= ? AND at < ? AND field = 'status' "
                + "AND (old_value IS NULL OR old_value <> new_value)");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OrderStatus s = status(rs.getString(1));
                int b = bucket(rs.getObject(2, OffsetDateTime.class), from, step, n);
                if (s != null && b >= 0) {
                    statuses.computeIfAbsent(s, k -> new long[n])[b]++;
                }
            }
        }
        Map<String, List<Long>> r = new TreeMap<>();
        received.forEach((k, v) -> r.put(k, list(v)));
        Map<OrderStatus, List<Long>> st = new EnumMap<>(OrderStatus.class);
        statuses.forEach((k, v) -> st.put(k, list(v)));
        return new OrderFlow(from, to, step, buckets, r, st);
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setObject(1, from.atOffset(java.time.ZoneOffset.UTC));
        ps.setObject(2, to.atOffset(java.time.ZoneOffset.UTC));
    }

    private static int bucket(OffsetDateTime at, Instant from, Duration step, int n) {
        if (at == null) {
            return -1;
        }
        long b = Duration.between(from, at.toInstant()).toMillis() / step.toMillis();
        return b >= 0 && b < n ? (int) b : -1;
    }

    private static OrderStatus status(String s) {
        try {
            return s == null ? null : OrderStatus.valueOf(s);
        } catch (IllegalArgumentException e) {
            return null; // a status a later version wrote
        }
    }

    private static List<Long> list(long[] v) {
        return Arrays.stream(v).boxed().toList();
    }
}
