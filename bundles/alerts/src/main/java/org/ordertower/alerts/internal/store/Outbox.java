package org.ordertower.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.jdbc.Tx;

/**
 * The table {@code alert_outbox}: messages owed to each sink. A message is written in the transaction that claims its
 * send, so it is never lost between the claim and the delivery; it is deleted once delivered. Every method works
 * inside the caller's transaction.
 */
public final class Outbox {
    private static final String COLS = "id, sink, alert_key, notice, severity, title, body, link, created_at, attempts, "
            + "last_error";

    /** A message waiting for its sink. */
    public record Pending(long id, String sink, Notice notice, int attempts, String lastError) {
    }

    /** A sink's messages given up on. */
    public record Dropped(String sink, int count, String lastError) {
    }

    public void add(Tx tx, String sink, Notice n) throws SQLException {
        PreparedStatement ps = tx.prepare("INSERT INTO alert_outbox (sink, alert_key, notice, severity, title, body, link, "
                + "created_at, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)");
        ps.setString(1, sink);
        ps.setString(2, Rows.cut(n.key(), AlertTable.KEY));
        ps.setString(3, n.type().name());
        ps.setString(4, n.severity().name());
        ps.setString(5, Rows.cut(n.title(), 300));
        ps.setString(6, Rows.cut(n.text(), 4000));
        ps.setString(7, Rows.cut(n.link(), 500));
        Rows.ts(ps, 8, n.at());
        ps.executeUpdate();
    }

    /** The sink's messages no node holds now, oldest first. */
    public List<Pending> due(Tx tx, String sink, Instant now, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM alert_outbox WHERE sink = ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?) ORDER BY id LIMIT ?");
        ps.setString(1, sink);
        Rows.ts(ps, 2, now);
        ps.setInt(3, limit);
        List<Pending> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Notice n = new Notice(NoticeType.valueOf(rs.getString(4)), rs.getString(3), Severity.valueOf(rs.getString(5)),
                        rs.getString(6), rs.getString(7), rs.getString(8), Rows.instant(rs, 9));
                out.add(new Pending(rs.getLong(1), rs.getString(2), n, rs.getInt(10), rs.getString(11)));
            }
        }
        return out;
    }

    /** @return true when this node now holds the message until {@code until} */
    public boolean claim(Tx tx, long id, String node, Instant now, Instant until) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?)");
        ps.setString(1, Rows.cut(node, 128));
        Rows.ts(ps, 2, until);
        ps.setLong(3, id);
        Rows.ts(ps, 4, now);
        return ps.executeUpdate() == 1;
    }

    /** Delivered, or folded into a digest. */
    public void remove(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("DELETE FROM alert_outbox WHERE id = ?");
        ps.setLong(1, id);
        ps.executeUpdate();
    }

    /** Lets the message go back to the queue, for the next poll of any node. */
    public void release(Tx tx, long id) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_outbox SET claimed_by = NULL, claimed_until = NULL WHERE id = ?");
        ps.setLong(1, id);
        ps.executeUpdate();
    }

    /** A failed attempt: counted, its error kept (without secrets), and the message released for the next poll. */
    public void failed(Tx tx, long id, String error) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_outbox SET attempts = attempts + 1, last_error = ?, "
                + "claimed_by = NULL, claimed_until = NULL WHERE id = ?");
        ps.setString(1, Rows.cut(error, 500));
        ps.setLong(2, id);
        ps.executeUpdate();
    }

    /** Deletes the messages written before {@code before} that no node holds now, reporting them per sink. */
    public List<Dropped> expire(Tx tx, Instant before, Instant now) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT sink, COUNT(*), MAX(last_error) FROM alert_outbox WHERE created_at < ? "
                + "AND (claimed_until IS NULL OR claimed_until < ?) GROUP BY sink ORDER BY sink");
        Rows.ts(ps, 1, before);
        Rows.ts(ps, 2, now);
        List<Dropped> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Dropped(rs.getString(1), rs.getInt(2), rs.getString(3)));
            }
        }
        if (!out.isEmpty()) {
            PreparedStatement del = tx.prepare("DELETE FROM alert_outbox WHERE created_at < ? "
                    + "AND (claimed_until IS NULL OR claimed_until < ?)");
            Rows.ts(del, 1, before);
            Rows.ts(del, 2, now);
            del.executeUpdate();
        }
        return out;
    }

    /** Messages waiting for each sink. */
    public int waiting(Tx tx, String sink) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT COUNT(*) FROM alert_outbox WHERE sink = ?");
        ps.setString(1, sink);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
