package org.ordertower.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.jdbc.Tx;

/**
 * The table {@code alert_sent}: one row per active alert key, shared by the nodes. Every method works inside the
 * caller's transaction; the claims are conditional updates whose row count says who won.
 */
public final class AlertTable {
    static final int KEY = 200;
    private static final String COLS = "alert_key, kind, severity, title, message, link, first_at, last_seen_at, "
            + "last_sent_at, suppressed, total";

    /** A row as stored; {@code lastSentAt} is null until the first send was claimed. */
    public record Row(String key, String kind, String severity, String title, String message, String link,
            Instant firstAt, Instant lastSeenAt, Instant lastSentAt, int suppressed, int total) {
    }

    /** The key as stored (cut to the column). */
    public static String key(Alert a) {
        return Rows.cut(a.key(), KEY);
    }

    /**
     * Notes a sighting: inserts the row the first time, else refreshes its texts and its last sighting. A sighting
     * counts (total and suppressed go up) only when the row was last seen at or before {@code countBefore}, so that
     * several nodes seeing the same trouble in one poll period count it once.
     *
     * @return true when the row was inserted
     * @throws SQLException with state 23505 when another node inserted it at the same moment (do it again)
     */
    public boolean seen(Tx tx, Alert a, Instant now, Instant countBefore) throws SQLException {
        PreparedStatement up = tx.prepare("UPDATE alert_sent SET kind = ?, severity = ?, title = ?, message = ?, link = ?, "
                + "last_seen_at = ?, total = total + CASE WHEN last_seen_at <= ? THEN 1 ELSE 0 END, "
                + "suppressed = suppressed + CASE WHEN last_seen_at <= ? THEN 1 ELSE 0 END WHERE alert_key = ?");
        texts(up, a);
        Rows.ts(up, 6, now);
        Rows.ts(up, 7, countBefore);
        Rows.ts(up, 8, countBefore);
        up.setString(9, key(a));
        if (up.executeUpdate() == 1) {
            return false;
        }
        PreparedStatement in = tx.prepare("INSERT INTO alert_sent (alert_key, kind, severity, title, message, link, "
                + "first_at, last_seen_at, last_sent_at, suppressed, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, 1)");
        in.setString(1, key(a));
        in.setString(2, a.kind().id());
        in.setString(3, a.severity().name());
        in.setString(4, Rows.cut(a.title(), 300));
        in.setString(5, Rows.cut(a.message(), 2000));
        in.setString(6, Rows.cut(a.link(), 500));
        Rows.ts(in, 7, now);
        Rows.ts(in, 8, now);
        in.executeUpdate();
        return true;
    }

    private static void texts(PreparedStatement ps, Alert a) throws SQLException {
        ps.setString(1, a.kind().id());
        ps.setString(2, a.severity().name());
        ps.setString(3, Rows.cut(a.title(), 300));
        ps.setString(4, Rows.cut(a.message(), 2000));
        ps.setString(5, Rows.cut(a.link(), 500));
    }

    public Optional<Row> find(Tx tx, String key) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM alert_sent WHERE alert_key = ?");
        ps.setString(1, key);
        List<Row> rows = rows(ps);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Claims the next send of a key: sets {@code last_sent_at} when it was never sent or last sent at or before
     * {@code dueBefore}, and takes the {@code counted} repeats the message reports off {@code suppressed} (repeats
     * noted meanwhile stay for the next one).
     *
     * @return true when this transaction won the send
     */
    public boolean claim(Tx tx, String key, Instant now, Instant dueBefore, int counted) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_sent SET last_sent_at = ?, suppressed = suppressed - ? "
                + "WHERE alert_key = ? AND (last_sent_at IS NULL OR last_sent_at <= ?)");
        Rows.ts(ps, 1, now);
        ps.setInt(2, counted);
        ps.setString(3, key);
        Rows.ts(ps, 4, dueBefore);
        return ps.executeUpdate() == 1;
    }

    /** Rows not seen since {@code seenBefore}, oldest sighting first. */
    public List<Row> quiet(Tx tx, Instant seenBefore, int limit) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM alert_sent WHERE last_seen_at <= ? "
                + "ORDER BY last_seen_at, alert_key LIMIT ?");
        Rows.ts(ps, 1, seenBefore);
        ps.setInt(2, limit);
        return rows(ps);
    }

    /**
     * Forgets a key that is still quiet.
     *
     * @return true when this transaction deleted it (and so announces the resolution)
     */
    public boolean forget(Tx tx, String key, Instant seenBefore) throws SQLException {
        PreparedStatement ps = tx.prepare("DELETE FROM alert_sent WHERE alert_key = ? AND last_seen_at <= ?");
        ps.setString(1, key);
        Rows.ts(ps, 2, seenBefore);
        return ps.executeUpdate() == 1;
    }

    /** The newest alerts first (by first sighting). */
    public List<Row> newest(Tx tx, int limit) throws SQLException {
        return newest(tx, null, null, limit);
    }

    /**
     * One page of the newest alerts first (by first sighting, then key): those after the row with first sighting
     * {@code afterFirstAt} and key {@code afterKey} in that order (from the newest when null), which need not exist any
     * more.
     */
    public List<Row> newest(Tx tx, Instant afterFirstAt, String afterKey, int limit) throws SQLException {
        boolean after = afterFirstAt != null && afterKey != null;
        PreparedStatement ps = tx.prepare("SELECT " + COLS + " FROM alert_sent"
                + (after ? " WHERE first_at < ? OR (first_at = ? AND alert_key > ?)" : "")
                + " ORDER BY first_at DESC, alert_key LIMIT ?");
        int i = 1;
        if (after) {
            Rows.ts(ps, i++, afterFirstAt);
            Rows.ts(ps, i++, afterFirstAt);
            ps.setString(i++, afterKey);
        }
        ps.setInt(i, limit);
        return rows(ps);
    }

    private static List<Row> rows(PreparedStatement ps) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), Rows.instant(rs, 7), Rows.instant(rs, 8), Rows.instant(rs, 9), rs.getInt(10),
                        rs.getInt(11)));
            }
        }
        return out;
    }
}
