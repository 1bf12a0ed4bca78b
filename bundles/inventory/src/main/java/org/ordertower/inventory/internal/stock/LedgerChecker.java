package org.ordertower.inventory.internal.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.core.internal.jdbc.Tx;

/**
 * Proves the counters against the ledger: each of a row's four counters must equal the sum of its
 * ledger deltas, every ledger group must have its row, and reserved must equal what the
 * reservations hold. Run it inside one snapshot.
 */
final class LedgerChecker {
    private static final String[] COUNTERS = { "on_hand", "reserved", "safety", "quarantine" };

    private LedgerChecker() {
    }

    static LedgerCheck check(Tx tx) throws SQLException {
        List<LedgerCheck.Difference> diffs = new ArrayList<>();
        int rows = 0;
        try (ResultSet rs = tx.prepare("SELECT s.sku, s.warehouse, s.on_hand, s.reserved, s.safety, s.quarantine, "
                + "COALESCE(l.oh, 0), COALESCE(l.r, 0), COALESCE(l.sf, 0), COALESCE(l.q, 0), COALESCE(h.held, 0) FROM stock s "
                + "LEFT JOIN (SELECT sku, warehouse, SUM(on_hand_delta) oh, SUM(reserved_delta) r, SUM(safety_delta) sf, "
                + "SUM(quarantine_delta) q FROM stock_ledger GROUP BY sku, warehouse) l ON l.sku = s.sku AND l.warehouse = s.warehouse "
                + "LEFT JOIN (SELECT sku, warehouse, SUM(held) held FROM reservation_line GROUP BY sku, warehouse) h "
                + "ON h.sku = s.sku AND h.warehouse = s.warehouse ORDER BY s.sku, s.warehouse").executeQuery()) {
            while (rs.next()) {
                rows++;
                for (int i = 0; i < COUNTERS.length; i++) {
                    long counter = rs.getLong(3 + i);
                    long sum = rs.getLong(7 + i);
                    if (counter != sum) {
                        diffs.add(new LedgerCheck.Difference(rs.getString(1), rs.getString(2), COUNTERS[i], counter, sum));
                    }
                }
                long reserved = rs.getLong(4);
                long held = rs.getLong(11);
                if (reserved != held) {
                    diffs.add(new LedgerCheck.Difference(rs.getString(1), rs.getString(2), "reserved vs reservations held",
                            reserved, held));
                }
            }
        }
        try (ResultSet rs = tx.prepare("SELECT l.sku, l.warehouse, SUM(l.on_hand_delta) FROM stock_ledger l WHERE NOT EXISTS "
                + "(SELECT 1 FROM stock s WHERE s.sku = l.sku AND s.warehouse = l.warehouse) GROUP BY l.sku, l.warehouse").executeQuery()) {
            while (rs.next()) {
                diffs.add(new LedgerCheck.Difference(rs.getString(1), rs.getString(2), "missing stock row", 0, rs.getLong(3)));
            }
        }
        long ledgerRows;
        try (ResultSet rs = tx.prepare("SELECT COUNT(*) FROM stock_ledger").executeQuery()) {
            rs.next();
            ledgerRows = rs.getLong(1);
        }
        return new LedgerCheck(rows, ledgerRows, diffs);
    }
}
