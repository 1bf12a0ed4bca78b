package org.ordertower.core.internal.intake;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.ordertower.api.OrderAnalytics;
import org.ordertower.jdbc.Tx;

/**
 * The SQL behind {@link org.ordertower.api.OrderService#analytics}: orders of the window (by {@code orders_received_idx})
 * counted per delivery region, and pairs of master SKUs in one order counted by the database (lines by their primary
 * key, gifts and kit parts left out).
 */
final class OrderAnalyticsQuery {
    private OrderAnalyticsQuery() {
    }

    static OrderAnalytics run(Tx tx, Instant from, Instant to, int pairs) throws SQLException {
        long orders = 0;
        Map<String, OrderAnalytics.Region> regions = new LinkedHashMap<>();
        PreparedStatement ps = tx.prepare("SELECT addr_country, addr_province, COUNT(*), SUM(paid_amount) FROM orders "
                + "WHERE received_at >= ? AND received_at < ? GROUP BY addr_country, addr_province");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String country = country(rs.getString(1));
                String province = country.equals("CN") || country.isEmpty() ? Provinces.shortName(rs.getString(2))
                        : trim(rs.getString(2));
                long n = rs.getLong(3);
                BigDecimal paid = rs.getBigDecimal(4) == null ? BigDecimal.ZERO : rs.getBigDecimal(4);
                orders += n;
                regions.merge(country + "\u0000" + province, new OrderAnalytics.Region(country, province, n, paid),
                        (a, b) -> new OrderAnalytics.Region(a.country(), a.province(), a.orders() + b.orders(),
                                a.paid().add(b.paid())));
            }
        }
        List<OrderAnalytics.Region> byOrders = new ArrayList<>(regions.values());
        byOrders.sort(Comparator.comparingLong(OrderAnalytics.Region::orders).reversed()
                .thenComparing(OrderAnalytics.Region::province));
        return new OrderAnalytics(from, to, orders, byOrders, pairs == 0 ? List.of() : pairs(tx, from, to, orders, pairs));
    }

    private static final String GOODS = "l.master_sku IS NOT NULL AND l.gift = FALSE AND l.parent_line_no IS NULL";

    private static List<OrderAnalytics.SkuPair> pairs(Tx tx, Instant from, Instant to, long orders, int limit)
            throws SQLException {
        List<String[]> top = new ArrayList<>();
        List<Long> together = new ArrayList<>();
        PreparedStatement ps = tx.prepare("SELECT a, b, COUNT(*) AS n FROM (SELECT DISTINCT x.order_id, x.master_sku AS a, "
                + "y.master_sku AS b FROM orders o JOIN order_lines x ON x.order_id = o.id JOIN order_lines y ON y.order_id = o.id "
                + "WHERE o.received_at >= ? AND o.received_at < ? AND x.master_sku < y.master_sku AND "
                + GOODS.replace("l.", "x.") + " AND " + GOODS.replace("l.", "y.") + ") t "
                + "GROUP BY a, b ORDER BY n DESC, a, b LIMIT ?");
        bind(ps, from, to);
        ps.setInt(3, limit);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                top.add(new String[] { rs.getString(1), rs.getString(2) });
                together.add(rs.getLong(3));
            }
        }
        if (top.isEmpty()) {
            return List.of();
        }
        Map<String, Long> perSku = new HashMap<>();
        ps = tx.prepare("SELECT sku, COUNT(*) FROM (SELECT DISTINCT l.order_id, l.master_sku AS sku FROM orders o "
                + "JOIN order_lines l ON l.order_id = o.id WHERE o.received_at >= ? AND o.received_at < ? AND " + GOODS
                + ") t GROUP BY sku");
        bind(ps, from, to);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                perSku.put(rs.getString(1), rs.getLong(2));
            }
        }
        List<OrderAnalytics.SkuPair> out = new ArrayList<>(top.size());
        for (int i = 0; i < top.size(); i++) {
            String a = top.get(i)[0];
            String b = top.get(i)[1];
            long na = perSku.getOrDefault(a, 0L);
            long nb = perSku.getOrDefault(b, 0L);
            long n = together.get(i);
            double lift = na == 0 || nb == 0 ? 0 : (double) n * orders / ((double) na * nb);
            out.add(new OrderAnalytics.SkuPair(a, b, n, na, nb, Math.round(lift * 100) / 100.0));
        }
        return out;
    }

    private static void bind(PreparedStatement ps, Instant from, Instant to) throws SQLException {
        ps.setObject(1, from.atOffset(ZoneOffset.UTC));
        ps.setObject(2, to.atOffset(ZoneOffset.UTC));
    }

    /** {@code CN} for China however the platform wrote it; otherwise the country as written, upper case. */
    static String country(String raw) {
        String c = trim(raw);
        return switch (c.toUpperCase(Locale.ROOT)) {
            case "CN", "CHN", "CHINA", "中国", "中华人民共和国" -> "CN";
            default -> c.toUpperCase(Locale.ROOT);
        };
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
