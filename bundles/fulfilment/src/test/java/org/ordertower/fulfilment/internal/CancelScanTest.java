package org.ordertower.fulfilment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/**
 * The look for parcels to cancel, on H2 and PostgreSQL: the sweep finds every order in a cancelling state whose parcel
 * has not left, however long ago it moved; the look between sweeps finds those that moved since a time only, through
 * the index on (status, updated_at), so that the cancelled orders of the history are not read every second; the
 * latest move is the mark of the next look.
 */
class CancelScanTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private static void order(Connection c, long id, String status, Instant updated) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id, channel, shop, platform_order_id, "
                + "platform_version, status, risk_level, payment_status, currency, goods_amount, discount_amount, "
                + "shipping_amount, paid_amount, created_at, received_at, updated_at, revision) VALUES (?, 'taobao', "
                + "'tea-shop', ?, 1, ?, 'LOW', 'PAID', 'CNY', 10, 0, 0, 10, ?, ?, ?, 1)")) {
            ps.setLong(1, id);
            ps.setString(2, "T" + id);
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(updated));
            ps.setTimestamp(5, Timestamp.from(updated));
            ps.setTimestamp(6, Timestamp.from(updated));
            ps.executeUpdate();
        }
    }

    private static void parcel(Connection c, long orderId, String status) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO parcel (code, order_id, warehouse, carrier, status, "
                + "lines, cold_chain, created_at, updated_at) VALUES (?, ?, 'HZ', 'SF', ?, '1\tCUP\t1\tcup\n', FALSE, ?, ?)")) {
            ps.setString(1, "P-" + orderId + "-" + status);
            ps.setLong(2, orderId);
            ps.setString(3, status);
            ps.setTimestamp(4, Timestamp.from(NOW.minusSeconds(86_400)));
            ps.setTimestamp(5, Timestamp.from(NOW.minusSeconds(86_400)));
            ps.executeUpdate();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theSweepFindsEveryOrderToCancelAndTheLookBetweenFindsThoseThatMovedSince(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 2);
        OrderStore.migrator(ds).migrate();
        List<Long> old = new ArrayList<>();
        List<Long> recent = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            long id = 1;
            for (String state : ParcelStore.CANCEL_STATES) {
                order(c, id, state, NOW.minusSeconds(7 * 86_400)); // moved a week ago, its parcel still planned
                parcel(c, id, "PLANNED");
                old.add(id++);
                order(c, id, state, NOW.minusSeconds(30)); // moved just now, its delivery order out
                parcel(c, id, "CANCELLED");
                parcel(c, id, "SENT");
                recent.add(id++);
                order(c, id, state, NOW.minusSeconds(20)); // moved just now, its parcel gone: nothing to cancel
                parcel(c, id++, "SHIPPED");
            }
            for (int i = 0; i < 200; i++) { // the history: cancelled orders whose parcels were cancelled long ago
                order(c, id, "CANCELLED", NOW.minusSeconds(30 * 86_400 + i));
                parcel(c, id++, "CANCELLED");
            }
            order(c, id, "ROUTED", NOW); // on its way: not to cancel
            parcel(c, id, "SENT");
        }
        Database db = new Database(ds);
        ParcelStore parcels = new ParcelStore();
        List<Long> all = new ArrayList<>(old);
        all.addAll(recent);
        all.sort(null);

        assertEquals(all, db.read(tx -> parcels.toCancel(tx, 100)), "the sweep");
        assertEquals(all.subList(0, 4), db.read(tx -> parcels.toCancel(tx, 4)), "the sweep, lowest ids first");
        assertEquals(recent, db.read(tx -> parcels.toCancel(tx, NOW.minusSeconds(60), 100)), "moved in the last minute");
        assertEquals(recent.subList(0, 3), db.read(tx -> parcels.toCancel(tx, NOW.minusSeconds(60), 3)),
                "a batch: lowest ids first across the states");
        assertEquals(List.of(), db.read(tx -> parcels.toCancel(tx, NOW.minusSeconds(25), 100)),
                "moved after the recent ones");
        assertEquals(NOW.minusSeconds(20), db.read(tx -> parcels.lastMove(tx, Instant.EPOCH)),
                "the latest move into a cancelling state (the order on its way moved later)");
        assertEquals(NOW.minusSeconds(20), db.read(tx -> parcels.lastMove(tx, NOW.minusSeconds(21))));
        assertNull(db.read(tx -> parcels.lastMove(tx, NOW.minusSeconds(19))), "none since");

        if (kind.equals("h2")) {
            // the look between sweeps reads the recent moves of a state by the index (or the parcels on their way),
            // not the state's history
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("EXPLAIN SELECT DISTINCT "
                    + "o.id FROM orders o JOIN parcel p ON p.order_id = o.id WHERE o.status = ? AND o.updated_at >= ? "
                    + "AND p.status IN ('PLANNED', 'SENT') ORDER BY o.id LIMIT ?")) {
                ps.setString(1, "CANCELLED");
                ps.setTimestamp(2, Timestamp.from(NOW.minusSeconds(60)));
                ps.setInt(3, 100);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    String plan = rs.getString(1);
                    // H2 costs both ways; either is bounded by what is moving, never the state's history
                    assertTrue(plan.contains("ORDERS_STATUS_UPDATED_IDX: STATUS = ?1\n        AND UPDATED_AT >= ?2")
                            || plan.contains("PARCEL_STATUS_IDX: STATUS IN('PLANNED', 'SENT')"), plan);
                    assertFalse(plan.contains("ORDERS_STATUS_IDX"), plan);
                }
            }
        }
    }
}
