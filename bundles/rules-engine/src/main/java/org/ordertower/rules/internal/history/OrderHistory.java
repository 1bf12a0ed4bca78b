package org.ordertower.rules.internal.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.core.internal.jdbc.Database;
import org.ordertower.core.internal.jdbc.Migrator;
import org.ordertower.core.internal.jdbc.Tx;

/**
 * The screened orders' facts ({@code screen_fact}), found by buyer, phone, address, device or IP through an
 * index, newest first, at most {@link #MAX_FACTS} per look-up. The keys are SHA-256 hashes of the
 * normalised values: the table holds no buyer data in clear.
 */
public final class OrderHistory {
    /** Most facts one look-up returns (newest first): a busy buyer cannot make screening slow. */
    public static final int MAX_FACTS = 500;
    private static final int MAX_ITEMS_TEXT = 4000;

    /** Which key a look-up uses. */
    public enum Key {
        BUYER("buyer_key"), ADDRESS("address_key"), PHONE("phone_key"), DEVICE("device_key"), IP("ip_key");

        private final String column;

        Key(String column) {
            this.column = column;
        }
    }

    private final Database db;
    /** Guarded by this. */
    private java.sql.Connection lookupConnection;
    /** Guarded by this: statements of {@link #lookupConnection} by SQL (one per combination of keys). */
    private final Map<String, PreparedStatement> lookups = new java.util.HashMap<>();

    public OrderHistory(Database db) {
        this.db = db;
    }

    public static Migrator migrator(DataSource dataSource) {
        return new Migrator(dataSource, OrderHistory.class, "rules_schema_version");
    }

    /** Remembers (or replaces) an order's fact. A plain commit: facts are derived, not acknowledged data. */
    public void record(Order o, List<StockItem> items) {
        NormalizedOrder c = o.content();
        try (Tx tx = db.begin()) {
            PreparedStatement del = tx.prepare("DELETE FROM screen_fact WHERE order_id = ?");
            del.setLong(1, o.id());
            del.executeUpdate();
            PreparedStatement ps = tx.prepare("INSERT INTO screen_fact (order_id, placed_at, buyer_key, address_key, "
                    + "phone_key, paid, items, device_key, ip_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ps.setLong(1, o.id());
            ps.setObject(2, c.createdAt().atOffset(ZoneOffset.UTC));
            ps.setString(3, keyFor(Key.BUYER, c));
            ps.setString(4, keyFor(Key.ADDRESS, c));
            ps.setString(5, keyFor(Key.PHONE, c));
            ps.setBigDecimal(6, c.amounts().paid());
            ps.setString(7, itemsText(items));
            ps.setString(8, keyFor(Key.DEVICE, c));
            ps.setString(9, keyFor(Key.IP, c));
            ps.executeUpdate();
            tx.connection().commit();
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot record the screened order: " + e.getMessage(), e);
        }
    }

    /**
     * Earlier facts sharing each of the order's keys since {@code since}, newest first, without the
     * order itself: one round trip, one indexed branch per key the order has.
     */
    public Map<Key, List<OrderFact>> find(Order o, Instant since) {
        Map<Key, List<OrderFact>> out = new EnumMap<>(Key.class);
        List<Key> keys = new ArrayList<>();
        List<String> values = new ArrayList<>();
        for (Key k : Key.values()) {
            out.put(k, new ArrayList<>());
            String v = keyFor(k, o.content());
            if (v != null) {
                keys.add(k);
                values.add(v);
            }
        }
        if (keys.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (Key k : keys) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("(SELECT ").append(k.ordinal())
                    .append(", order_id, placed_at, paid, items FROM screen_fact WHERE ").append(k.column)
                    .append(" = ? AND placed_at >= ? AND order_id <> ? ORDER BY placed_at DESC LIMIT ").append(MAX_FACTS)
                    .append(")");
        }
        synchronized (this) {
            try {
                PreparedStatement ps = lookup(sql.toString());
                int p = 1;
                for (String v : values) {
                    ps.setString(p++, v);
                    ps.setObject(p++, since.atOffset(ZoneOffset.UTC));
                    ps.setLong(p++, o.id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.get(Key.values()[rs.getInt(1)]).add(new OrderFact(rs.getLong(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBigDecimal(4), items(rs.getString(5))));
                    }
                }
            } catch (SQLException e) {
                closeLookups();
                throw new StoreUnavailableException("cannot read the screened orders: " + e.getMessage(), e);
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(OrderFact::at).reversed()));
        return out;
    }

    /**
     * The look-up statement for this SQL on the look-up connection, prepared once: screening runs on one
     * thread per node, and parsing the query again each time cost a third of a look-up on H2.
     */
    private PreparedStatement lookup(String sql) throws SQLException {
        if (lookupConnection == null) {
            lookupConnection = db.connection();
        }
        PreparedStatement ps = lookups.get(sql);
        if (ps == null) {
            ps = lookupConnection.prepareStatement(sql);
            lookups.put(sql, ps);
        }
        return ps;
    }

    /** Gives the look-up connection back to the pool (after a failure, or when the engine stops). */
    public synchronized void closeLookups() {
        lookups.clear();
        if (lookupConnection != null) {
            try {
                lookupConnection.close();
            } catch (SQLException e) {
                // the connection is broken already; the pool discards it
            }
            lookupConnection = null;
        }
    }

    /** Forgets facts placed before {@code before}; returns how many. */
    public int purge(Instant before) {
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("DELETE FROM screen_fact WHERE placed_at < ?");
            ps.setObject(1, before.atOffset(ZoneOffset.UTC));
            int n = ps.executeUpdate();
            tx.connection().commit();
            return n;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot purge screened orders: " + e.getMessage(), e);
        }
    }

    /** The order's key of this kind, or null when the order lacks the data. */
    public static String keyFor(Key key, NormalizedOrder c) {
        return switch (key) {
            case BUYER -> {
                Buyer b = c.buyer();
                yield b == null || blank(b.platformBuyerId()) ? null : hash(c.channel() + "\u0001" + b.platformBuyerId().strip());
            }
            case PHONE -> {
                Buyer b = c.buyer();
                String phone = b == null || b.phone() == null ? "" : b.phone().replaceAll("[\\s()+-]", "");
                yield phone.length() < 5 ? null : hash(phone);
            }
            case DEVICE -> blank(c.facts().deviceId()) ? null : hash("device\u0001" + c.facts().deviceId().strip());
            case IP -> blank(c.facts().buyerIp()) ? null : hash("ip\u0001" + c.facts().buyerIp().strip().toLowerCase(Locale.ROOT));
            case ADDRESS -> {
                Address a = c.address();
                yield a == null || blank(a.detail()) ? null
                        : hash(String.join("\u0001", norm(a.province()), norm(a.city()), norm(a.district()), norm(a.street()),
                                norm(a.detail())));
            }
        };
    }

    private static String norm(String s) {
        return s == null ? "" : s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** {@code SKU*2;SKU2*1}, cut at whole items to fit the column. */
    static String itemsText(List<StockItem> items) {
        StringBuilder b = new StringBuilder();
        for (StockItem i : items) {
            String one = (b.length() == 0 ? "" : ";") + i.sku() + "*" + i.quantity();
            if (b.length() + one.length() > MAX_ITEMS_TEXT) {
                break;
            }
            b.append(one);
        }
        return b.toString();
    }

    static List<StockItem> items(String text) {
        List<StockItem> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(";")) {
            int star = part.lastIndexOf('*');
            out.add(new StockItem(part.substring(0, star), Integer.parseInt(part.substring(star + 1))));
        }
        return out;
    }
}
