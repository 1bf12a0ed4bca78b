package org.ordertower.core.internal.outbox;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.camel.api.management.ManagedCamelContext;
import org.junit.jupiter.api.Test;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.lanes.Lanes;

/** The relay is a route: events leave in commit order, a refusing broker loses nothing, and a paused relay holds them. */
class OutboxRelayTest {
    private static void add(DataSource ds, int n) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO outbox (event_id, event_type, order_id, order_key, at, payload) VALUES (?, 'created', ?, ?, ?, '{}')")) {
            for (int i = 0; i < n; i++) {
                ps.setString(1, "e-" + System.nanoTime() + "-" + i);
                ps.setLong(2, i);
                ps.setString(3, "own/web/" + i);
                ps.setTimestamp(4, Timestamp.from(Instant.now()));
                ps.executeUpdate();
            }
        }
    }

    private static long left(DataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void eventsLeaveInOrderThroughARefusingBrokerAndWaitWhileTheRouteIsSuspended() throws Exception {
        DataSource ds = TestDatabases.h2();
        OrderStore.migrator(ds).migrate();
        List<Long> sent = new CopyOnWriteArrayList<>();
        AtomicInteger refuse = new AtomicInteger(1);
        OutboxRelay relay = new OutboxRelay(new Database(ds), e -> {
            if (refuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                throw new IllegalStateException("the broker is down");
            }
            sent.add(e.orderId());
        }, 4, 60_000); // polls only when woken: every arrival below wakes it
        try (Lanes lanes = Lanes.standalone("ordertower-core", 1)) {
            add(ds, 10);
            lanes.start(OutboxRelay.ROUTE, Lanes.Schedule.busy(Duration.ofMillis(10)), relay);
            await().atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 10);
            assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), sent, "in commit order, the refused one again");
            // the batch's rows are deleted after the broker took its last event: wait for that commit
            await().atMost(Duration.ofSeconds(5)).until(() -> left(ds) == 0);
            assertEquals(0, left(ds), "each event is deleted once the broker took it");
            assertEquals(10, relay.published());

            lanes.camel().getRouteController().suspendRoute(OutboxRelay.ROUTE);
            long batches = lanes.camel().getExtension(ManagedCamelContext.class).getManagedRoute(OutboxRelay.ROUTE)
                    .getExchangesTotal();
            assertTrue(batches >= 3, "10 events in batches of 4: " + batches);
            add(ds, 3);
            relay.wake();
            Thread.sleep(300);
            assertEquals(3, left(ds), "a suspended relay keeps the events in the outbox");
            lanes.camel().getRouteController().resumeRoute(OutboxRelay.ROUTE);
            await().atMost(Duration.ofSeconds(5)).until(() -> left(ds) == 0);
            assertEquals(13, sent.size());
        }
    }
}
