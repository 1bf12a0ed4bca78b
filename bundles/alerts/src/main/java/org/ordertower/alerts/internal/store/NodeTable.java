package org.ordertower.alerts.internal.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.jdbc.Tx;

/** The table {@code alert_node}: each node's last heartbeat. Every method works inside the caller's transaction. */
public final class NodeTable {
    /** A node and when it was last seen. */
    public record Seen(String node, Instant at) {
    }

    /**
     * Writes this node's heartbeat.
     *
     * @throws SQLException with state 23505 when the row was created at the same moment (two nodes with one id)
     */
    public void beat(Tx tx, String node, Instant now) throws SQLException {
        PreparedStatement up = tx.prepare("UPDATE alert_node SET seen_at = ? WHERE node_id = ?");
        Rows.ts(up, 1, now);
        up.setString(2, node);
        if (up.executeUpdate() == 0) {
            PreparedStatement in = tx.prepare("INSERT INTO alert_node (node_id, seen_at) VALUES (?, ?)");
            in.setString(1, node);
            Rows.ts(in, 2, now);
            in.executeUpdate();
        }
    }

    /** The other nodes last seen at or before {@code before}. */
    public List<Seen> silent(Tx tx, String self, Instant before) throws SQLException {
        PreparedStatement ps = tx.prepare("SELECT node_id, seen_at FROM alert_node WHERE node_id <> ? AND seen_at <= ? "
                + "ORDER BY node_id");
        ps.setString(1, self);
        Rows.ts(ps, 2, before);
        List<Seen> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Seen(rs.getString(1), Rows.instant(rs, 2)));
            }
        }
        return out;
    }

    /** A node stopped on purpose: it is not down. */
    public void remove(Tx tx, String node) throws SQLException {
        PreparedStatement ps = tx.prepare("DELETE FROM alert_node WHERE node_id = ?");
        ps.setString(1, node);
        ps.executeUpdate();
    }
}
