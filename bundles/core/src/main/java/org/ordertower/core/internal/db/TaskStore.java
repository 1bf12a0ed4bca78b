package org.ordertower.core.internal.db;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.jdbc.Tx;

/**
 * Durable follow-up work of an order change ({@code order_task}): written in the transaction of the
 * change, so a crash between the change and the work loses nothing; deleted once done.
 */
public final class TaskStore {
    /** Give back the stock the reference holds. */
    public static final String RELEASE = "RELEASE";

    public record Task(long id, long orderId, String kind, String reference, String reason, int attempts) {
    }

    public void add(Tx tx, long orderId, String kind, String reference, String reason, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO order_task (order_id, kind, reference, reason, created_at, "
                + "attempts, next_at) VALUES (?, ?, ?, ?, ?, 0, ?)");
        ps.setLong(1, orderId);
        ps.setString(2, kind);
        ps.setString(3, reference);
        ps.setString(4, cut(reason, 512));
        ps.setObject(5, now.atOffset(ZoneOffset.UTC));
        ps.setObject(6, now.atOffset(ZoneOffset.UTC));
        tx.write(ps);
    }

    /** Tasks whose time has come, oldest first. */
    public List<Task> due(Tx tx, Instant now, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id, order_id, kind, reference, reason, attempts FROM order_task "
                + "WHERE next_at <= ? ORDER BY next_at, id LIMIT ?");
        ps.setObject(1, now.atOffset(ZoneOffset.UTC));
        ps.setInt(2, limit);
        return read(ps);
    }

    /** Tasks of one order, oldest first. */
    public List<Task> of(Tx tx, long orderId) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT id, order_id, kind, reference, reason, attempts FROM order_task "
                + "WHERE order_id = ? ORDER BY id");
        ps.setLong(1, orderId);
        return read(ps);
    }

    private static List<Task> read(PreparedStatement ps) throws SQLException {
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Task(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6)));
            }
        }
        return out;
    }

    /** True when the task was still there (another node may have done it first). */
    public boolean done(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("DELETE FROM order_task WHERE id = ?");
        ps.setLong(1, id);
        return ps.executeUpdate() == 1;
    }

    public void failed(Tx tx, long id, String error, Instant retryAt) throws SQLException {
        PreparedStatement ps = tx.prepare(
                "UPDATE order_task SET attempts = attempts + 1, last_error = ?, next_at = ? WHERE id = ?");
        ps.setString(1, cut(error, 1024));
        ps.setObject(2, retryAt.atOffset(ZoneOffset.UTC));
        ps.setLong(3, id);
        ps.executeUpdate();
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
