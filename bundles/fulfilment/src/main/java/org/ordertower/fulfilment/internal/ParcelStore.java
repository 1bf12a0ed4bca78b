package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.Rows.cut;
import static org.ordertower.fulfilment.internal.Rows.instant;
import static org.ordertower.fulfilment.internal.Rows.ts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.jdbc.Tx;

/** The {@code parcel} table: parcels, the boxes they share, and the orders whose parcels have work waiting. */
final class ParcelStore {
    private static final String PARCEL_COLS = "id, code, order_id, warehouse, carrier, status, tracking_no, lines, "
            + "route_reason, shipped_at, last_event_at, last_state, stuck_at, cold_chain, print_data, merge_key, merged_into";

    /** A parcel row. */
    record Parcel(long id, String code, long orderId, String warehouse, String carrier, ParcelStatus status,
            String trackingNo, List<ParcelLine> lines, String routeReason, Instant shippedAt, Instant lastEventAt,
            TrackingState lastState, Instant stuckAt, boolean coldChain, String printData, String mergeKey,
            Long mergedInto) {

        ParcelView view() {
            return new ParcelView(id, code, orderId, warehouse, carrier, status, trackingNo, lines, routeReason,
                    shippedAt, lastEventAt, lastState, stuckAt);
        }
    }

    /** A parcel whose receiver is to be compared with its order's, and the digest it went out with. */
    record AddressCheck(long parcelId, String digest) {
        @Override
        public String toString() {
            return Long.toString(parcelId);
        }
    }

    // ---- parcels

    long insertParcel(Tx tx, String code, long orderId, String warehouse, String carrier, boolean coldChain,
            List<ParcelLine> lines, String reason, Instant now) throws SQLException {
        return insertParcel(tx, code, orderId, warehouse, carrier, coldChain, lines, reason, null, null, now);
    }

    /**
     * @param mergeKey the key of a parcel that may share a box, null when it never may
     * @param mergedInto the lead parcel whose box it joins, or null
     */
    long insertParcel(Tx tx, String code, long orderId, String warehouse, String carrier, boolean coldChain,
            List<ParcelLine> lines, String reason, String mergeKey, Long mergedInto, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO parcel (code, order_id, warehouse, carrier, status, lines, "
                + "cold_chain, route_reason, created_at, updated_at, merge_key, merged_into) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        ps.setString(11, mergeKey);
        Rows.longOrNull(ps, 12, mergedInto);
        ps.setString(1, code);
        ps.setLong(2, orderId);
        ps.setString(3, warehouse);
        ps.setString(4, carrier);
        ps.setString(5, ParcelStatus.PLANNED.name());
        ps.setString(6, ParcelLines.write(lines));
        ps.setBoolean(7, coldChain);
        ps.setString(8, cut(reason, 1024));
        ts(ps, 9, now);
        ts(ps, 10, now);
        ps.executeUpdate();
        return parcelByCode(tx, code, false).orElseThrow(() -> new SQLException("parcel " + code + " vanished")).id();
    }

    Optional<Parcel> parcelByCode(Tx tx, String code, boolean forUpdate) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE code = ?"
                + (forUpdate ? " FOR UPDATE" : ""));
        ps.setString(1, code);
        List<Parcel> l = parcels(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    Optional<Parcel> parcel(Tx tx, long id, boolean forUpdate) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""));
        ps.setLong(1, id);
        List<Parcel> l = parcels(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The parcels carrying a tracking number (normally one). */
    List<Parcel> parcelsByTracking(Tx tx, String trackingNo) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE tracking_no = ? ORDER BY id");
        ps.setString(1, trackingNo);
        return parcels(ps);
    }

    List<Parcel> parcelsOf(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE order_id = ? ORDER BY id");
        ps.setLong(1, orderId);
        return parcels(ps);
    }

    /** Shipped parcels with no tracking event since {@code before} that are not flagged yet. */
    List<Parcel> notMoving(Tx tx, Instant before, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE status = 'SHIPPED' "
                + "AND stuck_at IS NULL AND COALESCE(last_event_at, shipped_at) < ? ORDER BY id LIMIT ?");
        ts(ps, 1, before);
        ps.setInt(2, limit);
        return parcels(ps);
    }

    List<Parcel> stuck(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE stuck_at IS NOT NULL "
                + "AND status IN ('SHIPPED', 'PLANNED') ORDER BY stuck_at, id LIMIT ?");
        ps.setInt(1, limit);
        return parcels(ps);
    }

    /** Parcels flagged as not moving by id, the oldest first, with an id above {@code after} (all when null). */
    List<Parcel> stuck(Tx tx, Long after, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE stuck_at IS NOT NULL "
                + "AND status IN ('SHIPPED', 'PLANNED')" + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?");
        int i = 1;
        if (after != null) {
            ps.setLong(i++, after);
        }
        ps.setInt(i, limit);
        return parcels(ps);
    }

    // ---- merged parcels

    /**
     * The parcel a new parcel with this key can join, locked: same key, warehouse and carrier, still PLANNED
     * (nothing sent to the WMS), leading its own box, of another order that is ROUTED, made since {@code since}.
     */
    Optional<Parcel> mergeLead(Tx tx, String key, String warehouse, String carrier, long orderId, Instant since)
            throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE merge_key = ? AND status = 'PLANNED' "
                + "AND warehouse = ? AND carrier = ? AND merged_into IS NULL AND order_id <> ? AND created_at >= ? "
                + "AND EXISTS (SELECT 1 FROM orders o WHERE o.id = parcel.order_id AND o.status = 'ROUTED') "
                + "ORDER BY id LIMIT 1 FOR UPDATE");
        ps.setString(1, key);
        ps.setString(2, warehouse);
        ps.setString(3, carrier);
        ps.setLong(4, orderId);
        ts(ps, 5, since);
        List<Parcel> l = parcels(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /** The parcels sharing a lead's box (not the lead), not cancelled, oldest first. */
    List<Parcel> members(Tx tx, long leadId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE merged_into = ? "
                + "AND status <> 'CANCELLED' ORDER BY id");
        ps.setLong(1, leadId);
        return parcels(ps);
    }

    /** Every parcel that joined a box, the cancelled ones too (a cancel breaks up the whole box). */
    List<Parcel> allMembers(Tx tx, long leadId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + PARCEL_COLS + " FROM parcel WHERE merged_into = ? ORDER BY id");
        ps.setLong(1, leadId);
        return parcels(ps);
    }

    /** Takes a parcel out of the box it joined: it ships on its own and is never merged again. */
    void detach(Tx tx, long parcelId, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET merged_into = NULL, merge_key = NULL, updated_at = ? WHERE id = ?");
        ts(ps, 1, now);
        ps.setLong(2, parcelId);
        ps.executeUpdate();
    }

    void clearStuck(Tx tx, long parcelId, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET stuck_at = NULL, updated_at = ? WHERE id = ?");
        ts(ps, 1, now);
        ps.setLong(2, parcelId);
        ps.executeUpdate();
    }

    // ---- orders with parcel work waiting

    /** Orders that are RESERVED and have no live parcel yet, oldest first. */
    List<Long> toRoute(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id FROM orders WHERE status = 'RESERVED' AND NOT EXISTS "
                + "(SELECT 1 FROM parcel p WHERE p.order_id = orders.id AND p.status <> 'CANCELLED') "
                + "AND NOT EXISTS (SELECT 1 FROM order_task t WHERE t.order_id = orders.id) ORDER BY updated_at, id LIMIT ?");
        ps.setInt(1, limit);
        return Rows.ids(ps);
    }

    /** The order states in which a parcel not yet left is cancelled (the order cancelled, or sent back). */
    static final List<String> CANCEL_STATES = List.of("CANCELLED", "READY", "ON_HOLD", "IN_REVIEW", "FROZEN");

    /**
     * Orders that were cancelled (or sent back to READY, a hold or review) while a parcel of theirs had not left, lowest
     * ids first. This reads every order in those states, all the cancelled ones of the node's history: a sweep.
     */
    List<Long> toCancel(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT DISTINCT o.id FROM orders o JOIN parcel p ON p.order_id = o.id "
                + "WHERE o.status IN ('" + String.join("', '", CANCEL_STATES) + "') "
                + "AND p.status IN ('PLANNED', 'SENT') ORDER BY o.id LIMIT ?");
        ps.setInt(1, limit);
        return Rows.ids(ps);
    }

    /**
     * The latest {@code updated_at} of an order in a cancelling state at {@code since} or later (null: none), each
     * state's by the index on (status, updated_at).
     */
    Instant lastMove(Tx tx, Instant since) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT MAX(updated_at) FROM orders WHERE status = ? AND updated_at >= ?");
        Instant last = null;
        for (String state : CANCEL_STATES) {
            ps.setString(1, state);
            ts(ps, 2, since);
            try (ResultSet rs = ps.executeQuery()) {
                Instant at = rs.next() ? instant(rs, 1) : null;
                last = at != null && (last == null || at.isAfter(last)) ? at : last;
            }
        }
        return last;
    }

    /**
     * As {@link #toCancel(Tx, int)}, of the orders that moved at {@code since} or later only: each state's recent
     * moves by the index on (status, updated_at), so the cost is the orders that changed, not the history.
     */
    List<Long> toCancel(Tx tx, Instant since, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT DISTINCT o.id FROM orders o JOIN parcel p ON p.order_id = o.id "
                + "WHERE o.status = ? AND o.updated_at >= ? AND p.status IN ('PLANNED', 'SENT') ORDER BY o.id LIMIT ?");
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        for (String state : CANCEL_STATES) {
            ps.setString(1, state);
            ts(ps, 2, since);
            ps.setInt(3, limit);
            ids.addAll(Rows.ids(ps));
        }
        return ids.stream().limit(limit).toList();
    }

    /**
     * Orders delivered or on their way whose platform reports a refund that takes goods back (the buyer is to send
     * them, or has) while one of their parcels is not coming back yet: the buyer's return request to announce.
     */
    List<Long> returnsRequested(Tx tx, int limit) throws SQLException {
        // from the refunds in those states (few, by their index), not from every order that ever shipped
        PreparedStatement ps = tx.prepare("SELECT DISTINCT r.order_id FROM order_refund r JOIN orders o ON o.id = r.order_id "
                + "JOIN parcel p ON p.order_id = r.order_id WHERE r.state IN ('AWAITING_RETURN', 'GOODS_RETURNED') "
                + "AND o.status IN ('SHIPPED', 'DELIVERED') AND p.status IN ('SHIPPED', 'DELIVERED') "
                + "ORDER BY r.order_id LIMIT ?");
        ps.setInt(1, limit);
        return Rows.ids(ps);
    }

    // ---- receivers

    /** Notes the receiver a parcel's waybill or delivery order went out for, as of an order revision. */
    void setAddressDigest(Tx tx, long parcelId, String digest, int revision) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET address_digest = ?, address_rev = ? WHERE id = ?");
        ps.setString(1, digest);
        ps.setInt(2, revision);
        ps.setLong(3, parcelId);
        ps.executeUpdate();
    }

    /**
     * Parcels whose waybill or delivery order is out (an address digest noted), not yet shipped, of orders changed
     * since the parcel's address was last compared (a newer revision).
     */
    List<AddressCheck> addressesToCheck(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT p.id, p.address_digest FROM parcel p JOIN orders o ON o.id = p.order_id "
                + "WHERE p.status IN ('PLANNED', 'SENT') AND p.address_digest IS NOT NULL "
                + "AND o.status = 'ROUTED' AND o.revision > p.address_rev ORDER BY p.id LIMIT ?");
        ps.setInt(1, limit);
        List<AddressCheck> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AddressCheck(rs.getLong(1), rs.getString(2)));
            }
        }
        return out;
    }

    /** Marks a parcel's address as compared up to an order revision. */
    void addressCompared(Tx tx, long parcelId, int revision) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET address_rev = ? WHERE id = ?");
        ps.setInt(1, revision);
        ps.setLong(2, parcelId);
        ps.executeUpdate();
    }

    // ---- a parcel's way

    void setStatus(Tx tx, long parcelId, ParcelStatus status, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET status = ?, updated_at = ? WHERE id = ?");
        ps.setString(1, status.name());
        ts(ps, 2, now);
        ps.setLong(3, parcelId);
        ps.executeUpdate();
    }

    void setWaybill(Tx tx, long parcelId, String trackingNo, String printData, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET tracking_no = ?, print_data = ?, updated_at = ? WHERE id = ?");
        ps.setString(1, trackingNo);
        ps.setString(2, printData);
        ts(ps, 3, now);
        ps.setLong(4, parcelId);
        ps.executeUpdate();
    }

    void shipped(Tx tx, long parcelId, String trackingNo, String carrier, Instant at, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET status = 'SHIPPED', tracking_no = ?, carrier = ?, "
                + "shipped_at = COALESCE(shipped_at, ?), updated_at = ? WHERE id = ?");
        ps.setString(1, trackingNo);
        ps.setString(2, carrier);
        ts(ps, 3, at);
        ts(ps, 4, now);
        ps.setLong(5, parcelId);
        ps.executeUpdate();
    }

    void tracked(Tx tx, long parcelId, TrackingState state, Instant at, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET last_state = ?, last_event_at = ?, stuck_at = NULL, "
                + "updated_at = ? WHERE id = ? AND (last_event_at IS NULL OR last_event_at <= ?)");
        ps.setString(1, state.name());
        ts(ps, 2, at);
        ts(ps, 3, now);
        ps.setLong(4, parcelId);
        ts(ps, 5, at);
        ps.executeUpdate();
    }

    void flagStuck(Tx tx, long parcelId, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel SET stuck_at = ?, updated_at = ? WHERE id = ?");
        ts(ps, 1, now);
        ts(ps, 2, now);
        ps.setLong(3, parcelId);
        ps.executeUpdate();
    }

    private static List<Parcel> parcels(PreparedStatement ps) throws SQLException {
        List<Parcel> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String last = rs.getString(12);
                out.add(new Parcel(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        ParcelStatus.valueOf(rs.getString(6)), rs.getString(7), ParcelLines.read(rs.getString(8)),
                        rs.getString(9), instant(rs, 10), instant(rs, 11), last == null ? null : TrackingState.valueOf(last),
                        instant(rs, 13), rs.getBoolean(14), rs.getString(15), rs.getString(16), Rows.longOrNull(rs, 17)));
            }
        }
        return out;
    }
}
