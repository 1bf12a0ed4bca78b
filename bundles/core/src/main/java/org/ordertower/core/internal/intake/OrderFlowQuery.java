package org.ordertower.core.internal.intake;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.OrderFlow;
import org.ordertower.api.OrderStatus;
import org.ordertower.jdbc.Dialect;
import org.ordertower.jdbc.Tx;

/**
 * The SQL behind {@link org.ordertower.api.OrderService#flow}: orders received in the window by channel and bucket
 * (the orders table, by {@code orders_received_idx}) and moves into each status by bucket (the audit trail's status
 * rows, by {@code audit_at_idx}), counted by the database.
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
        String bucket = bucket(tx.dialect(), "received_at");
        PreparedStatement ps = tx.prepare("SELECT channel, b, COUNT(*) FROM (SELECT channel, " + bucket + " AS b "
                + "FROM orders WHERE received_at >= ? AND received_at < ?) t GROUP BY channel, b");
        bind(ps, from, to, step);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int b = (int) rs.getLong(2);
                if (b >= 0 && b < n) {
                    received.computeIfAbsent(rs.getString(1), k -> new long[n])[b] += rs.getLong(3);
                }
            }
        }
        Map<OrderStatus, long[]> statuses = new EnumMap<>(OrderStatus.class);
        ps = tx.prepare("SELECT new_value, b, COUNT(*) FROM (SELECT new_value, " + bucket(tx.dialect(), "at")
                + " AS b FROM audit WHERE at >= ? AND at < ? AND field = 'status' "
                + "AND (old_value IS NULL OR old_value <> new_value)) t GROUP BY new_value, b");
        bind(ps, from, to, step);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                OrderStatus s = status(rs.getString(1));
                int b = (int) rs.getLong(2);
                if (s != null && b >= 0 && b < n) {
                    statuses.computeIfAbsent(s, k -> new long[n])[b] += rs.getLong(3);
                }
            }
        }
        Map<String, List<Long>> r = new TreeMap<>();
        received.forEach((k, v) -> r.put(k, list(v)));
        Map<OrderStatus, List<Long>> st = new EnumMap<>(OrderStatus.class);
        statuses.forEach((k, v) -> st.put(k, list(v)));
        return new OrderFlow(from, to, step, buckets, r, st);
    }

    /**
     * The bucket of a time column as SQL: whole steps since the window's start (its parameters: the start, then the
     * step in seconds). H2 and PostgreSQL say it differently.
     */
    private static String bucket(Dialect dialect, String column) {
        return dialect == Dialect.H2 ? "FLOOR(DATEDIFF('SECOND', CAST(? AS TIMESTAMP WITH TIME ZONE), " + column + ") / ?)"
                : "FLOOR(EXTRACT(EPOCH FROM (" + column + " - CAST(? AS TIMESTAMP WITH TIME ZONE))) / ?)";
    }

    /** The bucket's start and step, then the window. */
    private static void bind(PreparedStatement ps, Instant from, Instant to, Duration step) throws SQLException {
        ps.setObject(1, from.atOffset(java.time.ZoneOffset.UTC));
        ps.setLong(2, step.toSeconds());
        ps.setObject(3, from.atOffset(java.time.ZoneOffset.UTC));
        ps.setObject(4, to.atOffset(java.time.ZoneOffset.UTC));
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
