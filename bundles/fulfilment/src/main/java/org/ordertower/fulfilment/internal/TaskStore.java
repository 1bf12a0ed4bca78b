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
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.jdbc.Tx;

/**
 * The {@code fulfil_task} table: the partner calls to make, each written from a {@link TaskPayload} under its unique
 * key, claimed one node at a time, and kept DEAD when it failed for good.
 */
final class TaskStore {
    static final String PENDING = "PENDING";
    static final String DEAD = "DEAD";
    static final String DONE = "DONE";

    private static final String TASK_COLS = "id, task_key, kind, order_id, parcel_id, payload, state, attempts, "
            + "created_at, next_at, last_error";

    /** Who a task calls ({@link TaskPartner#of}), read in the transaction that writes it. */
    @FunctionalInterface
    interface Addressing {
        String partner(Tx tx, TaskPayload task, long orderId, Long parcelId) throws SQLException;
    }

    private final ParcelStore parcels;
    private final Addressing addressing;
    private volatile java.util.function.Consumer<String> onPartner = p -> { };

    TaskStore(ParcelStore parcels, Addressing addressing) {
        this.parcels = parcels;
        this.addressing = addressing;
    }

    /** Told the partner of every task written (before its transaction commits), so its lane can be made. */
    void onPartner(java.util.function.Consumer<String> listener) {
        this.onPartner = listener;
    }

    /** A task row; {@code kind} and {@code payload} as stored ({@link TaskKind#decode} reads them). */
    record Task(long id, String key, String kind, long orderId, Long parcelId, String payload, String state,
            int attempts, Instant createdAt, Instant nextAt, String lastError) {
    }

    /** Adds a task due now unless one with its key exists; true when added. */
    boolean addTask(Tx tx, TaskPayload task, long orderId, Long parcelId, Instant now) throws SQLException {
        return addTask(tx, task, orderId, parcelId, now, now);
    }

    /** Adds a task due at {@code due} unless one with its key exists; true when added. */
    boolean addTask(Tx tx, TaskPayload task, long orderId, Long parcelId, Instant now, Instant due) throws SQLException {
        String key = task.key();
        PreparedStatement q = tx.prepare("SELECT 1 FROM fulfil_task WHERE task_key = ?");
        q.setString(1, key);
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                return false;
            }
        }
        String partner = addressing.partner(tx, task, orderId, parcelId);
        PreparedStatement ps = tx.prepare("INSERT INTO fulfil_task (task_key, kind, order_id, parcel_id, payload, state, "
                + "attempts, created_at, next_at, partner) VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)");
        ps.setString(1, cut(key, 160));
        ps.setString(2, task.kind().name());
        ps.setLong(3, orderId);
        Rows.longOrNull(ps, 4, parcelId);
        ps.setString(5, cut(task.encode(), 2000));
        ts(ps, 6, now);
        ts(ps, 7, due);
        ps.setString(8, partner);
        ps.executeUpdate();
        if (partner != null) {
            onPartner.accept(partner);
        }
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

    /** Pending tasks of one partner (null: of none known) due now, oldest first (not claimed): one lane's work. */
    List<Task> due(Tx tx, Instant now, int limit, String partner) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'PENDING' "
                + "AND next_at <= ? AND " + (partner == null ? "partner IS NULL" : "partner = ?")
                + " ORDER BY next_at, id LIMIT ?");
        ts(ps, 1, now);
        int i = 2;
        if (partner != null) {
            ps.setString(i++, partner);
        }
        ps.setInt(i, limit);
        return tasks(ps);
    }

    /** The partners that have pending tasks. */
    List<String> pendingPartners(Tx tx) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT DISTINCT partner FROM fulfil_task WHERE state = 'PENDING' "
                + "AND partner IS NOT NULL");
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
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

    /**
     * Notes a failed try.
     *
     * @param counted whether the try counts against the task's attempts: not when the node itself could not make the
     *     call (its database or inventory away), which says nothing about the partner
     */
    void failed(Tx tx, long id, String error, Instant retryAt, boolean dead, boolean counted) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET attempts = attempts + ?, last_error = ?, next_at = ?, "
                + "state = ? WHERE id = ?");
        ps.setInt(1, counted ? 1 : 0);
        ps.setString(2, cut(error, 1024));
        ts(ps, 3, retryAt);
        ps.setString(4, dead ? DEAD : PENDING);
        ps.setLong(5, id);
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
    int dropPending(Tx tx, long parcelId, TaskKind kind) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'DONE', last_error = 'not needed any more' "
                + "WHERE parcel_id = ? AND kind = ? AND state IN ('PENDING', 'DEAD')");
        ps.setLong(1, parcelId);
        ps.setString(2, kind.name());
        return ps.executeUpdate();
    }

    /** Drops one pending task (found by its key); true when it was pending (its call not made yet). */
    boolean dropPending(Tx tx, TaskPayload task) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE fulfil_task SET state = 'DONE', last_error = 'not needed any more' "
                + "WHERE task_key = ? AND state IN ('PENDING', 'DEAD')");
        ps.setString(1, task.key());
        return ps.executeUpdate() > 0;
    }

    List<Task> tasksOf(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE order_id = ? ORDER BY id");
        ps.setLong(1, orderId);
        return tasks(ps);
    }

    List<FailedCall> failedCalls(Tx tx, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'DEAD' "
                + "ORDER BY created_at, id LIMIT ?");
        ps.setInt(1, limit);
        return failedCalls(tx, ps);
    }

    /** Calls that failed for good by id, the oldest first, with an id above {@code after} (all when null). */
    List<FailedCall> failedCalls(Tx tx, Long after, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'DEAD'"
                + (after == null ? "" : " AND id > ?") + " ORDER BY id LIMIT ?");
        int i = 1;
        if (after != null) {
            ps.setLong(i++, after);
        }
        ps.setInt(i, limit);
        return failedCalls(tx, ps);
    }

    /** Calls created since {@code since} that failed for good, newest first. */
    List<FailedCall> failedCallsSince(Tx tx, Instant since, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + TASK_COLS + " FROM fulfil_task WHERE state = 'DEAD' AND created_at >= ? "
                + "ORDER BY created_at DESC, id DESC LIMIT ?");
        ps.setObject(1, since.atOffset(java.time.ZoneOffset.UTC));
        ps.setInt(2, limit);
        return failedCalls(tx, ps);
    }

    private List<FailedCall> failedCalls(Tx tx, PreparedStatement ps) throws SQLException {
        List<FailedCall> out = new ArrayList<>();
        for (Task t : tasks(ps)) {
            String code = null;
            if (t.parcelId() != null) {
                code = parcels.parcel(tx, t.parcelId(), false).map(Parcel::code).orElse(null);
            }
            out.add(new FailedCall(t.id(), t.kind(), t.orderId(), code, t.payload(), t.attempts(), t.createdAt(),
                    t.lastError()));
        }
        return out;
    }

    /** Units per SKU already put back (or quarantined) for one return reference, whatever state its tasks are in. */
    Map<String, Integer> restocked(Tx tx, String reference) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT payload FROM fulfil_task WHERE kind = ? AND payload LIKE ?");
        ps.setString(1, TaskKind.RESTOCK.name());
        ps.setString(2, "% " + reference);
        Map<String, Integer> out = new TreeMap<>();
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

    private static List<Task> tasks(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Task(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), Rows.longOrNull(rs, 5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs, 9), instant(rs, 10),
                        rs.getString(11)));
            }
        }
        return out;
    }
}
