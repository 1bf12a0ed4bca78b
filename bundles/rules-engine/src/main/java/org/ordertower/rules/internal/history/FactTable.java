package org.ordertower.rules.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.history.OrderHistory.Key;

/** Reads {@code screen_fact} on one kept look-up connection: facts by key, and the other nodes' new facts. */
final class FactTable {
    /** The columns {@link #put} reads, in order. */
    static final String COLUMNS = "order_id, placed_at, buyer_key, address_key, phone_key, device_key, ip_key, paid, "
            + "items, seq";
    /** Rows a tail read takes at a time (tests make it small). */
    static int tailPage = 5000;

    private final Database db;
    /** Guarded by this. */
    private Connection lookupConnection;
    /** Guarded by this: statements of {@link #lookupConnection} by SQL (one per combination of keys). */
    private final Map<String, PreparedStatement> lookups = new HashMap<>();

    FactTable(Database db) {
        this.db = db;
    }

    /**
     * Facts sharing each key placed at or after {@code since} (and before {@code before} unless null),
     * newest first, at most {@link OrderHistory#MAX_FACTS} per key, without the order itself: one round
     * trip, one indexed branch per key.
     *
     * @param hex per {@link Key} ordinal, the key, null to leave that list empty
     */
    Map<Key, List<OrderFact>> find(long orderId, String[] hex, Instant since, Instant before) {
        Map<Key, List<OrderFact>> out = new EnumMap<>(Key.class);
        List<Key> keys = new ArrayList<>();
        for (Key k : Key.values()) {
            out.put(k, new ArrayList<>());
            if (hex[k.ordinal()] != null) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (Key k : keys) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("(SELECT ").append(k.ordinal())
                    .append(", order_id, placed_at, paid, items FROM screen_fact WHERE ").append(k.column())
                    .append(" = ? AND placed_at >= ?").append(before == null ? "" : " AND placed_at < ?")
                    .append(" AND order_id <> ? ORDER BY placed_at DESC LIMIT ").append(OrderHistory.MAX_FACTS).append(")");
        }
        synchronized (this) {
            try {
                PreparedStatement ps = lookup(sql.toString());
                int p = 1;
                for (Key k : keys) {
                    ps.setString(p++, hex[k.ordinal()]);
                    ps.setObject(p++, since.atOffset(ZoneOffset.UTC));
                    if (before != null) {
                        ps.setObject(p++, before.atOffset(ZoneOffset.UTC));
                    }
                    ps.setLong(p++, orderId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.get(Key.values()[rs.getInt(1)]).add(new OrderFact(rs.getLong(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBigDecimal(4),
                                ItemsText.items(rs.getString(5))));
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
     * Puts into memory the facts nodes other than {@code node} recorded at or after {@code from}, in pages
     * ordered by {@code recorded_at}; the look-up connection is closed when it fails.
     *
     * @return the database time before the read: the next read starts from it (less an overlap)
     */
    synchronized OffsetDateTime readTail(RecentFacts r, OffsetDateTime from, String node) throws SQLException {
        try {
            OffsetDateTime now = databaseNow(lookupConnection());
            // in pages ordered by recorded_at: with the LIMIT, PostgreSQL takes the index even with a
            // generic plan or no statistics (else a full scan of the day, a third of a second)
            OffsetDateTime pageFrom = from;
            boolean after = false;
            while (true) {
                PreparedStatement ps = lookup("SELECT " + COLUMNS + ", recorded_at FROM screen_fact WHERE recorded_at "
                        + (after ? ">" : ">=") + " ? AND (node IS NULL OR node <> ?) ORDER BY recorded_at LIMIT " + tailPage);
                ps.setObject(1, pageFrom);
                ps.setString(2, node);
                int n = 0;
                OffsetDateTime last = null;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        put(r, rs);
                        last = rs.getObject(11, OffsetDateTime.class);
                        n++;
                    }
                }
                if (n < tailPage) {
                    break;
                }
                // the page may have cut the rows of its last instant (one transaction's): read them all
                PreparedStatement at = lookup("SELECT " + COLUMNS + " FROM screen_fact WHERE recorded_at = ? "
                        + "AND (node IS NULL OR node <> ?)");
                at.setObject(1, last);
                at.setString(2, node);
                try (ResultSet rs = at.executeQuery()) {
                    while (rs.next()) {
                        put(r, rs);
                    }
                }
                pageFrom = last;
                after = true;
            }
            return now;
        } catch (SQLException e) {
            closeLookups();
            throw e;
        }
    }

    /** A row of {@link #COLUMNS} into memory. */
    static void put(RecentFacts r, ResultSet rs) throws SQLException {
        String[] hex = { rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7) };
        String text = rs.getString(9);
        r.put(rs.getLong(1), RecentFacts.micros(rs.getObject(2, OffsetDateTime.class).toInstant()), FactKeys.hashes(hex),
                rs.getBigDecimal(8), ItemsText.parsed(text), text, rs.getLong(10));
    }

    static OffsetDateTime databaseNow(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /**
     * The look-up statement for this SQL on the look-up connection, prepared once: screening runs on one
     * thread per node, and parsing the query again each time cost a third of a look-up on H2.
     */
    private PreparedStatement lookup(String sql) throws SQLException {
        PreparedStatement ps = lookups.get(sql);
        if (ps == null) {
            ps = lookupConnection().prepareStatement(sql);
            lookups.put(sql, ps);
        }
        return ps;
    }

    private Connection lookupConnection() throws SQLException {
        if (lookupConnection == null) {
            lookupConnection = db.connection();
        }
        return lookupConnection;
    }

    /** Gives the look-up connection back to the pool (after a failure, or when the engine stops). */
    synchronized void closeLookups() {
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
}
