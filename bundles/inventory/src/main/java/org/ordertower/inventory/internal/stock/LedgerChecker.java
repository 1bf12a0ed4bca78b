package org.ordertower.inventory.internal.stock;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.jdbc.Tx;

/**
 * Proves the counters against the ledger: each of a row's four counters must equal the sum of its
 * ledger deltas, every ledger group must have its row, and reserved must equal what the
 * reservations hold. Run it inside one snapshot.
 *
 * <p>Three grouped scans, merged here by key: joining the stock table to grouped sub-queries made
 * H2 evaluate the grouping once per stock row, minutes for a few hundred thousand ledger rows.
 */
final class LedgerChecker {
    private static final String[] COUNTERS = { "on_hand", "reserved", "safety", "quarantine" };

    private LedgerChecker() {
    }

    private record Key(String sku, String warehouse) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = sku.compareTo(o.sku);
            return c != 0 ? c : warehouse.compareTo(o.warehouse);
        }
    }

    static LedgerCheck check(Tx tx) throws SQLException {
        Map<Key, long[]> sums = new TreeMap<>();
        try (ResultSet rs = tx.prepare("SELECT sku, warehouse, SUM(on_hand_delta), SUM(reserved_delta), "
                + "SUM(safety_delta), SUM(quarantine_delta) FROM stock_ledger GROUP BY sku, warehouse").executeQuery()) {
            while (rs.next()) {
                sums.put(new Key(rs.getString(1), rs.getString(2)),
                        new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6) });
            }
        }
        Map<Key, Long> held = new TreeMap<>();
        try (ResultSet rs = tx.prepare("SELECT sku, warehouse, SUM(held) FROM reservation_line GROUP BY sku, warehouse")
                .executeQuery()) {
            while (rs.next()) {
                held.put(new Key(rs.getString(1), rs.getString(2)), rs.getLong(3));
            }
        }
        List<LedgerCheck.Difference> diffs = new ArrayList<>();
        int rows = 0;
        try (ResultSet rs = tx.prepare("SELECT sku, warehouse, on_hand, reserved, safety, quarantine FROM stock "
                + "ORDER BY sku, warehouse").executeQuery()) {
            while (rs.next()) {
                rows++;
                Key k = new Key(rs.getString(1), rs.getString(2));
                long[] sum = sums.remove(k);
                for (int i = 0; i < COUNTERS.length; i++) {
                    long counter = rs.getLong(3 + i);
                    long expected = sum == null ? 0 : sum[i];
                    if (counter != expected) {
                        diffs.add(new LedgerCheck.Difference(k.sku(), k.warehouse(), COUNTERS[i], counter, expected));
                    }
                }
                long reserved = rs.getLong(4);
                long holding = held.getOrDefault(k, 0L);
                if (reserved != holding) {
                    diffs.add(new LedgerCheck.Difference(k.sku(), k.warehouse(), "reserved vs reservations held", reserved,
                            holding));
                }
            }
        }
        sums.forEach((k, sum) -> diffs.add(new LedgerCheck.Difference(k.sku(), k.warehouse(), "missing stock row", 0, sum[0])));
        long ledgerRows;
        try (ResultSet rs = tx.prepare("SELECT COUNT(*) FROM stock_ledger").executeQuery()) {
            rs.next();
            ledgerRows = rs.getLong(1);
        }
        return new LedgerCheck(rows, ledgerRows, diffs);
    }
}
