package org.ordertower.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

import org.ordertower.jdbc.Tx;

/**
 * The table {@code alert_rate}: each sink's budget of messages for the current minute, shared by the nodes (a group
 * chat is one chat whichever node posts to it). Each step is a conditional update whose row count decides.
 */
public final class RateGate {

    /**
     * Creates the sink's row when it has none.
     *
     * @throws SQLException with state 23505 when another node created it at the same moment (harmless)
     */
    public void ensure(Tx tx, String sink, Instant minute) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT COUNT(*) FROM alert_rate WHERE sink = ?");
        ps.setString(1, sink);
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            if (rs.getInt(1) > 0) {
                return;
            }
        }
        PreparedStatement in = tx.prepare("INSERT INTO alert_rate (sink, minute_at, sent, held) VALUES (?, ?, 0, 0)");
        in.setString(1, sink);
        Rows.ts(in, 2, minute);
        in.executeUpdate();
    }

    /**
     * Moves the sink's row to {@code minute} when it still counts an earlier one.
     *
     * @return the messages the earlier minute held back, which this transaction now owns for the digest (0 when
     *     there were none, or when another node moved the row first)
     */
    public int rollOver(Tx tx, String sink, Instant minute) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT minute_at, held FROM alert_rate WHERE sink = ?");
        ps.setString(1, sink);
        Instant at;
        int held;
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return 0;
            }
            at = Rows.instant(rs, 1);
            held = rs.getInt(2);
        }
        if (!at.isBefore(minute)) {
            return 0;
        }
        PreparedStatement up = tx.prepare("UPDATE alert_rate SET minute_at = ?, sent = 0, held = 0 "
                + "WHERE sink = ? AND minute_at = ? AND held = ?");
        Rows.ts(up, 1, minute);
        up.setString(2, sink);
        Rows.ts(up, 3, at);
        up.setInt(4, held);
        return up.executeUpdate() == 1 ? held : 0;
    }

    /** @return true when the sink's minute had room for one more message, now taken */
    public boolean take(Tx tx, String sink, Instant minute, int max) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_rate SET sent = sent + 1 WHERE sink = ? AND minute_at = ? AND sent < ?");
        ps.setString(1, sink);
        Rows.ts(ps, 2, minute);
        ps.setInt(3, max);
        return ps.executeUpdate() == 1;
    }

    /** Gives back a taken place (the delivery failed and will be made again). */
    public void giveBack(Tx tx, String sink, Instant minute) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_rate SET sent = sent - 1 WHERE sink = ? AND minute_at = ? AND sent > 0");
        ps.setString(1, sink);
        Rows.ts(ps, 2, minute);
        ps.executeUpdate();
    }

    /** @return true when one more held-back message was counted for the minute's digest */
    public boolean hold(Tx tx, String sink, Instant minute) throws SQLException {
        PreparedStatement ps = tx.prepare("UPDATE alert_rate SET held = held + 1 WHERE sink = ? AND minute_at = ?");
        ps.setString(1, sink);
        Rows.ts(ps, 2, minute);
        return ps.executeUpdate() == 1;
    }
}
