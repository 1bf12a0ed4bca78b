package org.ordertower.benchmarks;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.ordertower.api.inventory.StockItem;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/**
 * The plain way, for comparison: one transaction per reservation, {@code SELECT ... FOR UPDATE}
 * then {@code UPDATE} per line, a reservation row and a ledger row, one durable commit. No stripes,
 * no batching. Items must be sorted by SKU (lock order).
 */
final class BaselineReserver {
    private final Database db;

    BaselineReserver(Database db) {
        this.db = db;
    }

    /** True when reserved, false when out of stock. */
    boolean reserve(String reference, String warehouse, List<StockItem> items) throws SQLException {
        try (Tx tx = db.begin()) {
            Timestamp now = Timestamp.from(Instant.now());
            for (StockItem i : items) {
                PreparedStatement sel = tx.prepare("SELECT on_hand - reserved - safety FROM stock WHERE sku = ? AND warehouse = ? FOR UPDATE");
                sel.setString(1, i.sku());
                sel.setString(2, warehouse);
                try (ResultSet rs = sel.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) < i.quantity()) {
                        tx.rollbackQuietly();
                        return false;
                    }
                }
                PreparedStatement up = tx.prepare("UPDATE stock SET reserved = reserved + ? WHERE sku = ? AND warehouse = ?");
                up.setInt(1, i.quantity());
                up.setString(2, i.sku());
                up.setString(3, warehouse);
                up.executeUpdate();
                PreparedStatement line = tx.prepare("INSERT INTO reservation_line (reference, sku, warehouse, quantity, held) VALUES (?, ?, ?, ?, ?)");
                PreparedStatement head = tx.prepare("INSERT INTO reservation (reference, channel, state, created_at, updated_at) "
                        + "SELECT ?, 'bench', 'RESERVED', ?, ? WHERE NOT EXISTS (SELECT 1 FROM reservation WHERE reference = ?)");
                head.setString(1, reference);
                head.setTimestamp(2, now);
                head.setTimestamp(3, now);
                head.setString(4, reference);
                head.executeUpdate();
                line.setString(1, reference);
                line.setString(2, i.sku());
                line.setString(3, warehouse);
                line.setInt(4, i.quantity());
                line.setInt(5, i.quantity());
                line.executeUpdate();
                PreparedStatement led = tx.prepare("INSERT INTO stock_ledger (at, sku, warehouse, movement, on_hand_delta, reserved_delta, "
                        + "safety_delta, quarantine_delta, reference, actor) VALUES (?, ?, ?, 'RESERVE', 0, ?, 0, 0, ?, 'bench')");
                led.setTimestamp(1, now);
                led.setString(2, i.sku());
                led.setString(3, warehouse);
                led.setInt(4, i.quantity());
                led.setString(5, reference);
                led.executeUpdate();
            }
            tx.commitDurably();
            return true;
        }
    }
}
