package org.ordertower.inventory.internal.stock;

import static org.ordertower.inventory.internal.store.InList.bind;
import static org.ordertower.inventory.internal.store.InList.chunks;
import static org.ordertower.inventory.internal.store.InList.marks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.Movement;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.Tx;

/**
 * The SQL of stock rows, reservations, the ledger, stock in transit and channel allocations. Stateless.
 * Rows are always locked in key order (reservation references first, then stock rows by SKU and
 * warehouse), so no two transactions, on this node or another, wait for each other in a cycle.
 */
final class StockStore {
    /** Reservation states. */
    static final String RESERVED = "RESERVED";
    static final String RELEASED = "RELEASED";
    static final String SHIPPED = "SHIPPED";

    /** Locks the headers of these references that exist; reference -> state. */
    Map<String, String> lockReservations(Tx tx, Collection<String> references) throws SQLException {
        Map<String, String> out = new HashMap<>();
        for (List<String> chunk : chunks(references)) {
            PreparedStatement ps = tx.prepare("SELECT reference, state FROM reservation WHERE reference IN ("
                    + marks(chunk.size()) + ") ORDER BY reference FOR UPDATE");
            bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The lines of these references that still hold units; reference -> allocations by SKU, warehouse. */
    Map<String, List<Allocation>> held(Tx tx, Collection<String> references) throws SQLException {
        Map<String, List<Allocation>> out = new HashMap<>();
        for (List<String> chunk : chunks(references)) {
            PreparedStatement ps = tx.prepare("SELECT reference, sku, warehouse, held FROM reservation_line WHERE reference IN ("
                    + marks(chunk.size()) + ") AND held > 0 ORDER BY reference, sku, warehouse");
            bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Allocation(rs.getString(2), rs.getString(3), rs.getInt(4)));
                }
            }
        }
        return out;
    }

    /** Forgets a released reservation so that the reference can reserve again; its ledger stays. */
    void deleteReservation(Tx tx, String reference) throws SQLException {
        PreparedStatement lines = tx.prepare("DELETE FROM reservation_line WHERE reference = ?");
        lines.setString(1, reference);
        lines.executeUpdate();
        PreparedStatement head = tx.prepare("DELETE FROM reservation WHERE reference = ?");
        head.setString(1, reference);
        head.executeUpdate();
    }

    /** Locks every stock row of these SKUs, in key order. */
    TreeMap<StockKey, StockRow> lockStock(Tx tx, Collection<String> skus) throws SQLException {
        TreeMap<StockKey, StockRow> out = new TreeMap<>();
        for (List<String> chunk : chunks(skus)) {
            PreparedStatement ps = tx.prepare("SELECT sku, warehouse, on_hand, reserved, safety, quarantine FROM stock WHERE sku IN ("
                    + marks(chunk.size()) + ") ORDER BY sku, warehouse FOR UPDATE");
            bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StockRow row = row(rs);
                    out.put(new StockKey(row.sku(), row.warehouse()), row);
                }
            }
        }
        return out;
    }

    /** Locks one stock row, if it exists. */
    Optional<StockRow> lockRow(Tx tx, StockKey key) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT sku, warehouse, on_hand, reserved, safety, quarantine FROM stock "
                + "WHERE sku = ? AND warehouse = ? FOR UPDATE");
        ps.setString(1, key.sku());
        ps.setString(2, key.warehouse());
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    /** Stock rows of these SKUs without locking, in key order. */
    List<StockRow> rows(Tx tx, Collection<String> skus) throws SQLException {
        List<StockRow> out = new ArrayList<>();
        for (List<String> chunk : chunks(skus)) {
            PreparedStatement ps = tx.prepare("SELECT sku, warehouse, on_hand, reserved, safety, quarantine FROM stock WHERE sku IN ("
                    + marks(chunk.size()) + ") ORDER BY sku, warehouse");
            bind(ps, 1, chunk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
        }
        return out;
    }

    /** Stock rows of one warehouse without locking, by SKU. */
    List<StockRow> rowsOf(Tx tx, String warehouse) throws SQLException {
        List<StockRow> out = new ArrayList<>();
        PreparedStatement ps = tx.prepare("SELECT sku, warehouse, on_hand, reserved, safety, quarantine FROM stock WHERE warehouse = ? "
                + "ORDER BY sku");
        ps.setString(1, warehouse);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    void insertRow(Tx tx, StockKey key) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO stock (sku, warehouse, on_hand, reserved, safety, quarantine) "
                + "VALUES (?, ?, 0, 0, 0, 0)");
        ps.setString(1, key.sku());
        ps.setString(2, key.warehouse());
        ps.executeUpdate();
    }

    /**
     * Adds to reserved for each row, guarded by the sellable condition. Returns false when any guard
     * failed, which cannot happen while the rows are locked; the caller then rolls back.
     */
    boolean reserve(Tx tx, Map<StockKey, Integer> deltas) throws SQLException {
        if (tx.dialect() == org.ordertower.jdbc.Dialect.POSTGRESQL && deltas.size() > 1) {
            return reserveAtOnce(tx, deltas);
        }
        PreparedStatement ps = tx.prepare("UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND warehouse = ? "
                + "AND on_hand - reserved - safety >= ?");
        for (Map.Entry<StockKey, Integer> e : new TreeMap<>(deltas).entrySet()) {
            ps.setInt(1, e.getValue());
            ps.setString(2, e.getKey().sku());
            ps.setString(3, e.getKey().warehouse());
            ps.setInt(4, e.getValue());
            ps.addBatch();
        }
        return allOne(ps.executeBatch());
    }

    /**
     * {@link #reserve} in one statement on PostgreSQL: the rows' keys and deltas as three arrays, one guarded
     * {@code UPDATE ... FROM unnest(...)}, which PostgreSQL executes once for the whole batch instead of once per row.
     */
    private boolean reserveAtOnce(Tx tx, Map<StockKey, Integer> deltas) throws SQLException {
        TreeMap<StockKey, Integer> sorted = new TreeMap<>(deltas);
        String[] skus = new String[sorted.size()];
        String[] warehouses = new String[sorted.size()];
        Integer[] quantities = new Integer[sorted.size()];
        int i = 0;
        for (Map.Entry<StockKey, Integer> e : sorted.entrySet()) {
            skus[i] = e.getKey().sku();
            warehouses[i] = e.getKey().warehouse();
            quantities[i++] = e.getValue();
        }
        PreparedStatement ps = tx.prepare("UPDATE stock s SET reserved = s.reserved + v.n FROM unnest(?::varchar[], "
                + "?::varchar[], ?::int[]) AS v(sku, warehouse, n) WHERE s.sku = v.sku AND s.warehouse = v.warehouse "
                + "AND s.on_hand - s.reserved - s.safety >= v.n");
        java.sql.Connection c = tx.connection();
        ps.setArray(1, c.createArrayOf("varchar", skus));
        ps.setArray(2, c.createArrayOf("varchar", warehouses));
        ps.setArray(3, c.createArrayOf("int4", quantities));
        return ps.executeUpdate() == sorted.size();
    }

    /** Applies counter deltas to one row; the table's CHECK refuses an inconsistent result. */
    void apply(Tx tx, StockKey key, int onHand, int reserved, int safety, int quarantine) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE stock SET on_hand = on_hand + ?, reserved = reserved + ?, "
                + "safety = safety + ?, quarantine = quarantine + ? WHERE sku = ? AND warehouse = ?");
        ps.setInt(1, onHand);
        ps.setInt(2, reserved);
        ps.setInt(3, safety);
        ps.setInt(4, quarantine);
        ps.setString(5, key.sku());
        ps.setString(6, key.warehouse());
        if (ps.executeUpdate() != 1) {
            throw new SQLException("stock row " + key + " vanished while locked");
        }
    }

    void insertReservations(Tx tx, List<Pending> reserved, Map<String, List<Allocation>> allocations, Instant at)
            throws SQLException {
        PreparedStatement head = tx.prepare("INSERT INTO reservation (reference, channel, state, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, ?)");
        PreparedStatement line = tx.prepare("INSERT INTO reservation_line (reference, sku, warehouse, quantity, held) "
                + "VALUES (?, ?, ?, ?, ?)");
        Timestamp ts = Timestamp.from(at);
        for (Pending p : reserved) {
            head.setString(1, p.reference());
            head.setString(2, p.channel());
            head.setString(3, RESERVED);
            head.setTimestamp(4, ts);
            head.setTimestamp(5, ts);
            head.addBatch();
            for (Allocation a : allocations.get(p.reference())) {
                line.setString(1, p.reference());
                line.setString(2, a.sku());
                line.setString(3, a.warehouse());
                line.setInt(4, a.quantity());
                line.setInt(5, a.quantity());
                line.addBatch();
            }
        }
        head.executeBatch();
        line.executeBatch();
    }

    /** Sets what a reservation line still holds (after a release or shipment). */
    void setHeld(Tx tx, String reference, StockKey key, int held) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE reservation_line SET held = ? WHERE reference = ? AND sku = ? AND warehouse = ?");
        ps.setInt(1, held);
        ps.setString(2, reference);
        ps.setString(3, key.sku());
        ps.setString(4, key.warehouse());
        ps.executeUpdate();
    }

    /** Adds to (or takes from) what a reservation holds in one row; a line is made when it had none there. */
    void addHeld(Tx tx, String reference, StockKey key, int delta) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE reservation_line SET held = held + ?, quantity = quantity + ? "
                + "WHERE reference = ? AND sku = ? AND warehouse = ?");
        ps.setInt(1, delta);
        ps.setInt(2, Math.max(0, delta)); // quantity: what the reservation was given here, never taken back
        ps.setString(3, reference);
        ps.setString(4, key.sku());
        ps.setString(5, key.warehouse());
        if (ps.executeUpdate() == 0) {
            PreparedStatement in = tx.prepare("INSERT INTO reservation_line (reference, sku, warehouse, quantity, held) "
                    + "VALUES (?, ?, ?, ?, ?)");
            in.setString(1, reference);
            in.setString(2, key.sku());
            in.setString(3, key.warehouse());
            in.setInt(4, delta);
            in.setInt(5, delta);
            in.executeUpdate();
        }
    }

    void setState(Tx tx, String reference, String state, Instant at) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE reservation SET state = ?, updated_at = ? WHERE reference = ?");
        ps.setString(1, state);
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setString(3, reference);
        ps.executeUpdate();
    }

    void ledger(Tx tx, List<LedgerRow> rows, Instant at) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO stock_ledger (at, sku, warehouse, movement, on_hand_delta, "
                + "reserved_delta, safety_delta, quarantine_delta, reference, actor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        Timestamp ts = Timestamp.from(at);
        for (LedgerRow r : rows) {
            ps.setTimestamp(1, ts);
            ps.setString(2, r.key().sku());
            ps.setString(3, r.key().warehouse());
            ps.setString(4, r.movement().name());
            ps.setInt(5, r.onHand());
            ps.setInt(6, r.reserved());
            ps.setInt(7, r.safety());
            ps.setInt(8, r.quarantine());
            ps.setString(9, r.reference());
            ps.setString(10, r.actor());
            ps.setString(11, r.reason());
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** Records stock on its way to a warehouse; returns its id. */
    long insertInTransit(Tx tx, String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference) throws SQLException {
        try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO in_transit (sku, warehouse, quantity, kind, "
                + "expected, reference) VALUES (?, ?, ?, ?, ?, ?)", new String[] { "id" })) {
            ps.setString(1, sku);
            ps.setString(2, warehouse);
            ps.setInt(3, quantity);
            ps.setString(4, kind.name());
            ps.setObject(5, expected);
            ps.setString(6, reference);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The stock in transit of one SKU, by id. */
    List<InTransit> inTransit(Tx tx, String sku) throws SQLException {
        List<InTransit> transit = new ArrayList<>();
        PreparedStatement ps = tx.prepare("SELECT id, sku, warehouse, quantity, kind, expected, reference FROM in_transit "
                + "WHERE sku = ? ORDER BY id");
        ps.setString(1, sku);
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                transit.add(new InTransit(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                        InTransit.Kind.valueOf(rs.getString(5)), rs.getObject(6, LocalDate.class), rs.getString(7)));
            }
        }
        return transit;
    }

    /** The newest ledger entries first, of one SKU or (sku null) of all. */
    List<LedgerEntry> ledgerEntries(Tx tx, String sku, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id, at, sku, warehouse, movement, on_hand_delta, reserved_delta, safety_delta, "
                + "quarantine_delta, reference, actor, reason FROM stock_ledger" + (sku == null ? "" : " WHERE sku = ?")
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY");
        int i = 1;
        if (sku != null) {
            ps.setString(i++, sku);
        }
        ps.setInt(i, limit);
        List<LedgerEntry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new LedgerEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        Movement.valueOf(rs.getString(5)), rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                        rs.getString(10), rs.getString(11), rs.getString(12)));
            }
        }
        return out;
    }

    /** Creates or replaces the allocation of one SKU (or *) on one channel. */
    void saveAllocation(Tx tx, ChannelAllocation a) throws SQLException {
        PreparedStatement up = tx.prepare("UPDATE channel_allocation SET share_percent = ?, cap = ?, keep_units = ?, "
                + "buffer_units = ? WHERE sku = ? AND channel = ?");
        bindAllocation(up, a);
        if (up.executeUpdate() == 0) {
            PreparedStatement in = tx.prepare("INSERT INTO channel_allocation (share_percent, cap, keep_units, buffer_units, "
                    + "sku, channel) VALUES (?, ?, ?, ?, ?, ?)");
            bindAllocation(in, a);
            in.executeUpdate();
        }
    }

    private static void bindAllocation(PreparedStatement ps, ChannelAllocation a) throws SQLException {
        ps.setObject(1, a.sharePercent(), java.sql.Types.INTEGER);
        ps.setObject(2, a.cap(), java.sql.Types.INTEGER);
        ps.setInt(3, a.keep());
        ps.setInt(4, a.buffer());
        ps.setString(5, a.sku());
        ps.setString(6, a.channel());
    }

    /** Every channel allocation, by SKU and channel. */
    List<ChannelAllocation> allocations(Tx tx) throws SQLException {
        List<ChannelAllocation> out = new ArrayList<>();
        try (ResultSet rs = tx.prepare("SELECT sku, channel, share_percent, cap, keep_units, buffer_units FROM channel_allocation "
                + "ORDER BY sku, channel").executeQuery()) {
            while (rs.next()) {
                out.add(new ChannelAllocation(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3, Integer.class),
                        (Integer) rs.getObject(4, Integer.class), rs.getInt(5), rs.getInt(6)));
            }
        }
        return out;
    }

    private static StockRow row(ResultSet rs) throws SQLException {
        return new StockRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
    }

    private static boolean allOne(int[] counts) {
        for (int c : counts) {
            // some drivers answer SUCCESS_NO_INFO (-2) for batched updates; only 0 means the guard failed
            if (c == 0) {
                return false;
            }
        }
        return true;
    }
}
