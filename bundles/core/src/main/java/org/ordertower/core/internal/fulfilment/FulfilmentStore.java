package org.ordertower.core.internal.fulfilment;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.jdbc.Tx;

/** The fulfilment tables ({@code parcel}, {@code fulfil_task}, {@code tracking_event}, {@code partner_event}). */
final class FulfilmentStore {
    static final String PENDING = "PENDING";
    static final String DEAD = "DEAD";
    static final String DONE = "DONE";

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

    /** A task row. */
    record Task(long id, String key, String kind, long orderId, Long parcelId, String payload, String state,
            int attempts, Instant createdAt, Instant nextAt, String lastError) {
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
        if (mergedInto == null) {
            ps.setNull(12, java.sql.Types.BIGINT);
        } else {
            ps.setLong(12, mergedInto);
        }
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

    // ---- transfers

    /** Goods of a parcel coming from another warehouse first. */
    record Transfer(long id, String code, long parcelId, long orderId, String from, String to, List<ParcelLine> lines,
            int km, java.time.LocalDate expected, String status, Instant lateAt) {
    }

    static final String T_PLANNED = "PLANNED";
    static final String T_RECEIVED = "RECEIVED";
    static final String T_MOVED = "MOVED";
    static final String T_CANCELLED = "CANCELLED";

    private static final String TRANSFER_COLS = "id, code, parcel_id, order_id, from_wh, to_wh, lines, km, expected, "
            + "status, late_at";

    void insertTransfer(Tx tx, String code, long parcelId, long orderId, String from, String to, List<ParcelLine> lines,
            long km, java.time.LocalDate expected, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO parcel_transfer (code, parcel_id, order_id, from_wh, to_wh, lines, km, "
                + "expected, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PLANNED', ?, ?)");
        ps.setString(1, code);
        ps.setLong(2, parcelId);
        ps.setLong(3, orderId);
        ps.setString(4, from);
        ps.setString(5, to);
        ps.setString(6, ParcelLines.write(lines));
        ps.setInt(7, (int) Math.min(Integer.MAX_VALUE, km));
        ps.setObject(8, expected);
        ts(ps, 9, now);
        ts(ps, 10, now);
        ps.executeUpdate();
    }

    Optional<Transfer> transferByCode(Tx tx, String code, boolean forUpdate) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE code = ?"
                + (forUpdate ? " FOR UPDATE" : ""));
        ps.setString(1, code);
        List<Transfer> l = transfers(ps);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    List<Transfer> transfersOf(Tx tx, long parcelId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE parcel_id = ? ORDER BY id");
        ps.setLong(1, parcelId);
        return transfers(ps);
    }

    /** Transfers not received whose expected day is before {@code day} and that are not flagged yet. */
    List<Transfer> lateTransfers(Tx tx, java.time.LocalDate day, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TRANSFER_COLS + " FROM parcel_transfer WHERE status = 'PLANNED' "
                + "AND late_at IS NULL AND expected < ? ORDER BY id LIMIT ?");
        ps.setObject(1, day);
        ps.setInt(2, limit);
        return transfers(ps);
    }

    void setTransfer(Tx tx, long id, String status, Instant now) throws SQLException {
        boolean received = T_RECEIVED.equals(status);
        PreparedStatement ps = tx.prepare("UPDATE parcel_transfer SET status = ?, updated_at = ?"
                + (received ? ", received_at = ?" : "") + " WHERE id = ?");
        ps.setString(1, status);
        ts(ps, 2, now);
        if (received) {
            ts(ps, 3, now);
        }
        ps.setLong(received ? 4 : 3, id);
        ps.executeUpdate();
    }

    void flagLate(Tx tx, long id, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE parcel_transfer SET late_at = ?, updated_at = ? WHERE id = ?");
        ts(ps, 1, now);
        ts(ps, 2, now);
        ps.setLong(3, id);
        ps.executeUpdate();
    }

    private static List<Transfer> transfers(PreparedStatement ps) throws SQLException {
        List<Transfer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Transfer(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), ParcelLines.read(rs.getString(7)), rs.getInt(8),
                        rs.getObject(9, java.time.LocalDate.class), rs.getString(10), instant(rs, 11)));
            }
        }
        return out;
    }

    /** Orders that are RESERVED and have no live parcel yet, oldest first. */
    List<Long> toRoute(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id FROM orders WHERE status = 'RESERVED' AND NOT EXISTS "
                + "(SELECT 1 FROM parcel p WHERE p.order_id = orders.id AND p.status <> 'CANCELLED') "
                + "AND NOT EXISTS (SELECT 1 FROM order_task t WHERE t.order_id = orders.id) ORDER BY updated_at, id LIMIT ?");
        ps.setInt(1, limit);
        return ids(ps);
    }

    /** Orders that were cancelled (or sent back to RESERVED/READY) while a parcel of theirs had not left. */
    List<Long> toCancel(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT DISTINCT o.id FROM orders o JOIN parcel p ON p.order_id = o.id "
                + "WHERE o.status IN ('CANCELLED', 'READY', 'ON_HOLD', 'IN_REVIEW', 'FROZEN') "
                + "AND p.status IN ('PLANNED', 'SENT') ORDER BY o.id LIMIT ?");
        ps.setInt(1, limit);
        return ids(ps);
    }

    /**
     * Orders delivered or on their way whose platform reports a refund that takes goods back (the buyer is to send
     * them, or has) while one of their parcels is not coming back yet: the buyer's return request to announce.
     */
    List<Long> returnsRequested(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT DISTINCT o.id FROM orders o JOIN order_refund r ON r.order_id = o.id "
                + "JOIN parcel p ON p.order_id = o.id WHERE o.status IN ('SHIPPED', 'DELIVERED') "
                + "AND r.state IN ('AWAITING_RETURN', 'GOODS_RETURNED') AND p.status IN ('SHIPPED', 'DELIVERED') "
                + "ORDER BY o.id LIMIT ?");
        ps.setInt(1, limit);
        return ids(ps);
    }

    /** Units per SKU already put back (or quarantined) for one return reference, whatever state its tasks are in. */
    Map<String, Integer> restocked(Tx tx, String reference) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT payload FROM fulfil_task WHERE kind = 'RESTOCK' AND payload LIKE ?");
        ps.setString(1, "% " + reference);
        Map<String, Integer> out = new java.util.TreeMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Restock r = Restock.decode(rs.getString(1));
                if (r.reference().equals(reference)) {
                    out.merge(r.sku(), r.quantity(), Integer::sum);
                }
            }
        }
        return out;
    }

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

    // ---- tasks

    /** Adds a task unless one with the key exists; true when added. */
    boolean addTask(Tx tx, String key, String kind, long orderId, Long parcelId, String payload, Instant now)
            throws SQLException {
        return addTask(tx, key, kind, orderId, parcelId, payload, now, now);
    }

    /** Adds a task due at {@code due} unless one with the key exists; true when added. */
    boolean addTask(Tx tx, String key, String kind, long orderId, Long parcelId, String payload, Instant now,
            Instant due) throws SQLException {
        PreparedStatement q = tx.prepare("SELECT 1 FROM fulfil_task WHERE task_key = ?");
        q.setString(1, key);
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement ps = tx.prepare("INSERT INTO fulfil_task (task_key, kind, order_id, parcel_id, payload, state, "
                + "attempts, created_at, next_at) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)");
        ps.setString(1, cut(key, 160));
        ps.setString(2, kind);
        ps.setLong(3, orderId);
        if (parcelId == null) {
            ps.setNull(4, java.sql.Types.BIGINT);
        } else {
            ps.setLong(4, parcelId);
        }
        ps.setString(5, cut(payload, 2000));
        ts(ps, 6, now);
        ts(ps, 7, due);
        ps.executeUpdate();
        return true;
    }

    /** Pending tasks due now, oldest first (not claimed). */
    List<Task> due(Tx tx, Instant now, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'PENDING' "
                + "AND next_at <= ? ORDER BY next_at, id LIMIT ?");
        ts(ps, 1, now);
        ps.setInt(2, limit);
        return tasks(ps);
    }

    /** Claims a due task for {@code until}: true when this caller got it (another node may have first). */
    boolean claim(Tx tx, Task t, Instant until) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET next_at = ? WHERE id = ? AND state = 'PENDING' "
                + "AND next_at = ?");
        ts(ps, 1, until);
        ps.setLong(2, t.id());
        ts(ps, 3, t.nextAt());
        return ps.executeUpdate() == 1;
    }

    void done(Tx tx, long id, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'DONE', attempts = attempts + 1, next_at = ?, "
                + "last_error = NULL WHERE id = ?");
        ts(ps, 1, now);
        ps.setLong(2, id);
        ps.executeUpdate();
    }

    void failed(Tx tx, long id, String error, Instant retryAt, boolean dead) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET attempts = attempts + 1, last_error = ?, next_at = ?, "
                + "state = ? WHERE id = ?");
        ps.setString(1, cut(error, 1024));
        ts(ps, 2, retryAt);
        ps.setString(3, dead ? DEAD : PENDING);
        ps.setLong(4, id);
        ps.executeUpdate();
    }

    /** Puts a dead task back in line: true when it was dead. */
    boolean revive(Tx tx, long id, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'PENDING', attempts = 0, next_at = ? "
                + "WHERE id = ? AND state = 'DEAD'");
        ts(ps, 1, now);
        ps.setLong(2, id);
        return ps.executeUpdate() == 1;
    }

    /** Drops the pending tasks of a parcel (a cancelled parcel needs no waybill, no delivery order). */
    int dropPending(Tx tx, long parcelId, String kind) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'DONE', last_error = 'not needed any more' "
                + "WHERE parcel_id = ? AND kind = ? AND state IN ('PENDING', 'DEAD')");
        ps.setLong(1, parcelId);
        ps.setString(2, kind);
        return ps.executeUpdate();
    }

    /** Drops one pending task by its key; true when it was pending (its call not made yet). */
    boolean dropPendingKey(Tx tx, String key) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'DONE', last_error = 'not needed any more' "
                + "WHERE task_key = ? AND state IN ('PENDING', 'DEAD')");
        ps.setString(1, key);
        return ps.executeUpdate() > 0;
    }

    List<Task> dead(Tx tx, String kind, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'DEAD'"
                + (kind == null ? "" : " AND kind = ?") + " ORDER BY created_at, id LIMIT ?");
        int i = 1;
        if (kind != null) {
            ps.setString(i++, kind);
        }
        ps.setInt(i, limit);
        return tasks(ps);
    }

    List<Task> tasksOf(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE order_id = ? ORDER BY id");
        ps.setLong(1, orderId);
        return tasks(ps);
    }

    List<FailedCall> failedCalls(Tx tx, int limit) throws SQLException {
        List<FailedCall> out = new ArrayList<>();
        for (Task t : dead(tx, null, limit)) {
            String code = null;
            if (t.parcelId() != null) {
                code = parcel(tx, t.parcelId(), false).map(Parcel::code).orElse(null);
            }
            out.add(new FailedCall(t.id(), t.kind(), t.orderId(), code, t.payload(), t.attempts(), t.createdAt(),
                    t.lastError()));
        }
        return out;
    }

    // ---- events

    /** Records a partner's event id; true when it is new (false: a repeat, already applied). */
    boolean firstTime(Tx tx, String partner, String eventId, Instant now) throws SQLException {
        PreparedStatement q = tx.prepare("SELECT 1 FROM partner_event WHERE partner = ? AND event_id = ?");
        q.setString(1, partner);
        q.setString(2, cut(eventId, 128));
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement ps = tx.prepare("INSERT INTO partner_event (partner, event_id, received_at) VALUES (?, ?, ?)");
        ps.setString(1, partner);
        ps.setString(2, cut(eventId, 128));
        ts(ps, 3, now);
        ps.executeUpdate();
        return true;
    }

    /** Stores a tracking event; true when it is new. */
    boolean trackingEvent(Tx tx, long parcelId, TrackingState state, Instant at, String description, String location,
            Instant now) throws SQLException {
        PreparedStatement q = tx.prepare("SELECT 1 FROM tracking_event WHERE parcel_id = ? AND at = ? AND state = ?");
        q.setLong(1, parcelId);
        ts(q, 2, at);
        q.setString(3, state.name());
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        PreparedStatement ps = tx.prepare("INSERT INTO tracking_event (parcel_id, state, at, description, location, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?)");
        ps.setLong(1, parcelId);
        ps.setString(2, state.name());
        ts(ps, 3, at);
        ps.setString(4, cut(description, 512));
        ps.setString(5, cut(location, 128));
        ts(ps, 6, now);
        ps.executeUpdate();
        return true;
    }

    // ---- rows

    private static final String TASK_COLS = "id, task_key, kind, order_id, parcel_id, payload, state, attempts, "
            + "created_at, next_at, last_error";

    private static List<Task> tasks(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long parcel = rs.getLong(5);
                Long parcelId = rs.wasNull() ? null : parcel;
                out.add(new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), parcelId,
                        rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs, 9), instant(rs, 10),
                        rs.getString(11)));
            }
        }
        return out;
    }

    private static List<Parcel> parcels(PreparedStatement ps) throws SQLException {
        List<Parcel> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String last = rs.getString(12);
                out.add(new Parcel(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        ParcelStatus.valueOf(rs.getString(6)), rs.getString(7), ParcelLines.read(rs.getString(8)),
                        rs.getString(9), instant(rs, 10), instant(rs, 11), last == null ? null : TrackingState.valueOf(last),
                        instant(rs, 13), rs.getBoolean(14), rs.getString(15), rs.getString(16), longOrNull(rs, 17)));
            }
        }
        return out;
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static List<Long> ids(PreparedStatement ps) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static void ts(PreparedStatement ps, int i, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(i, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, t.atOffset(ZoneOffset.UTC));
        }
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
