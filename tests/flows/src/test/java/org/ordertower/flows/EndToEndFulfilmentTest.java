package org.ordertower.flows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.sim.kuaidi100.Kuaidi100Simulator;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.sim.qimen.QimenSimulator;

/**
 * One order from the marketplace to the buyer's door with every part real (see {@link EndToEnd}): the Taobao
 * simulator places it, the channel runtime takes it in, the pipeline reserves it, fulfilment routes it, Cainiao's
 * simulator issues its e-waybill, Qimen's simulator picks, packs and ships it and calls back, the tracking number
 * goes back to Taobao, and Kuaidi100's simulator pushes the parcel's journey to DELIVERED. The marketplace must get
 * the tracking number exactly once, also when it is down while the write-back is due and the node restarts.
 */
class EndToEndFulfilmentTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String OFFLINE_SEND = "taobao.logistics.offline.send";
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(2);
    private EndToEnd e;

    @BeforeEach
    void setUp() throws Exception {
        // warehouse: 39 simulated minutes of work in about 2 s; tracking: a 2-3 day journey in about 3 s
        e = new EndToEnd(new EndToEnd.Settings(1200, 100_000, 30, RETRY_FIRST, RETRY_MAX),
                TestDatabases.h2());
    }

    @AfterEach
    void tearDown() throws Exception {
        e.close();
    }

    /**
     * Places a paid order of listings the catalog maps as they are (no presale, no platform gift); an order that is
     * not so is closed on the platform at once, so it never ships and every ship call the simulator sees is ours.
     */
    private SimOrder placePaidOrder() {
        while (true) {
            SimOrder o = e.taobao.book().create();
            if (o.status == SimOrder.Status.PAID && !o.presale && o.lines.stream().noneMatch(l -> l.listing.gift())) {
                return o;
            }
            e.taobao.book().cancel(o.orderId);
        }
    }

    private Optional<Order> order(SimOrder o) {
        return e.f.orders.findByPlatformId("taobao", EndToEnd.SHOP, o.orderId);
    }

    private long orderId(SimOrder o) {
        await().atMost(DEADLINE).until(() -> order(o).isPresent());
        return order(o).orElseThrow().id();
    }

    private void awaitStatus(long id, OrderStatus status) {
        await("order " + id + " to " + status).atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> e.f.order(id).status() == status);
    }

    private List<SimRequest> shipCalls(SimOrder o) {
        return e.taobao.calls().stream().filter(c -> OFFLINE_SEND.equals(c.param("method")))
                .filter(c -> o.orderId.equals(c.param("tid"))).toList();
    }

    @Test
    void anOrderIsRoutedWaybilledShippedWrittenBackOnceAndDelivered() throws Exception {
        SimOrder placed = placePaidOrder();
        long id = orderId(placed);
        awaitStatus(id, OrderStatus.DELIVERED);

        List<ParcelView> parcels = e.fulfilment.parcels(id);
        assertEquals(1, parcels.size(), parcels.toString());
        ParcelView p = parcels.get(0);
        assertEquals(EndToEnd.WAREHOUSE, p.warehouse());
        assertEquals(ParcelStatus.DELIVERED, p.status());
        assertTrue(e.f.reasonOf(id, "ROUTED").contains(p.code()), e.f.reasonOf(id, "ROUTED"));

        // Cainiao issued the waybill, and the WMS shipped the delivery order with it
        assertEquals(1, e.cainiao.waybills());
        assertEquals(1, e.cainiao.calls().stream().filter(c -> "cainiao.waybill.ii.get".equals(c.param("method"))).count());
        QimenSimulator.DeliveryView delivery = e.qimen.delivery(p.code()).orElseThrow();
        assertEquals("DELIVERED", delivery.state());
        assertEquals(List.of(p.trackingNo()), delivery.expressCodes(), "the WMS shipped with OrderTower's waybill");

        // Kuaidi100 tracked that number and pushed it to delivered
        List<Kuaidi100Simulator.Subscription> subs = e.kuaidi100.subscriptions();
        assertEquals(1, subs.size());
        assertEquals(p.trackingNo(), subs.get(0).number());
        assertTrue(e.f.count("SELECT COUNT(*) FROM tracking_event") >= 3, "collected, in transit, delivered at least");

        // the marketplace got the tracking number exactly once
        List<SimRequest> ships = shipCalls(placed);
        assertEquals(1, ships.size(), "one logistics.offline.send: " + ships);
        assertEquals(p.trackingNo(), ships.get(0).param("out_sid"));
        assertEquals(p.carrier(), ships.get(0).param("company_code"));
        assertEquals(1, e.marketplace("ship.recorded"));
        SimOrder after = e.taobao.book().get(placed.orderId).orElseThrow();
        assertTrue(after.lines.stream().allMatch(l -> p.trackingNo().equals(l.trackingNo) && p.carrier().equals(l.carrierCode)),
                "every line carries the tracking number on the platform");
        assertTrue(e.fulfilment.calls(id).contains("WRITE_BACK:DONE:1"), e.fulfilment.calls(id).toString());
        assertEquals(List.of(), e.fulfilment.failed(null, 10));
        assertTrue(e.f.inventory.check().ok(), "the stock left through the ledger");
    }

    @Test
    void theMarketplaceDownDuringWriteBackAndANodeRestartStillGiveExactlyOneShip() throws Exception {
        SimOrder placed = placePaidOrder();
        long id = orderId(placed);
        awaitStatus(id, OrderStatus.ROUTED);
        String code = e.fulfilment.parcels(id).get(0).code();
        await().atMost(DEADLINE).until(() -> e.qimen.delivery(code).isPresent());

        e.taobao.faults().outage(true);
        long down = System.nanoTime();
        awaitStatus(id, OrderStatus.SHIPPED);
        await("two failed write-backs").atMost(DEADLINE).until(() -> writeBackAttempts(id) >= 2);

        e.stopFulfilment(); // the node goes down with the write-back pending...
        int beforeRestart = writeBackAttempts(id);
        e.startFulfilment(); // ...and a new one takes over from the database
        await("a failed write-back on the new node").atMost(DEADLINE).until(() -> writeBackAttempts(id) > beforeRestart);
        assertEquals(List.of(), e.fulfilment.failed(null, 10), "nothing dead while retries are left");
        assertEquals(0, e.marketplace("ship.calls"), "no ship reached the platform while it was down");

        e.taobao.faults().outage(false);
        double downSeconds = (System.nanoTime() - down) / 1e9;
        await("the write-back").atMost(DEADLINE).until(() -> e.fulfilment.calls(id).stream()
                .anyMatch(c -> c.startsWith("WRITE_BACK:DONE:")));

        List<SimRequest> ships = shipCalls(placed);
        int failedAttempts = ships.size() - 1;
        assertTrue(failedAttempts >= 3, "retried: " + ships.size());
        assertTrue(failedAttempts <= 3 + downSeconds, "backing off: " + failedAttempts + " attempts in " + downSeconds + " s");
        // exponential back-off: a busy machine only lengthens the pauses, so their sum is a floor
        long backoff = 0;
        for (int i = 0; i < failedAttempts - 1; i++) {
            backoff += Math.min(RETRY_FIRST.toMillis() << i, RETRY_MAX.toMillis());
        }
        long span = Duration.between(ships.get(0).at(), ships.get(failedAttempts - 1).at()).toMillis();
        assertTrue(span >= backoff * 0.9, failedAttempts + " failed attempts in " + span + " ms, back-off " + backoff + " ms");
        assertEquals(1, e.marketplace("ship.calls"), "exactly one ship reached the platform");
        assertEquals(1, e.marketplace("ship.recorded"));
        assertTrue(e.marketplace("faults.outage") >= failedAttempts);
        String tracking = e.fulfilment.parcels(id).get(0).trackingNo();
        assertTrue(e.taobao.book().get(placed.orderId).orElseThrow().lines.stream()
                .allMatch(l -> tracking.equals(l.trackingNo)));
        assertEquals(List.of(), e.fulfilment.failed(null, 10), "nothing dead-lettered");
        assertEquals(List.of(), e.channels.deadLetters("taobao", 10));
        assertTrue(e.f.orders.timeline(id).stream().anyMatch(a -> a.action().equals("tracking-written-back")));
        awaitStatus(id, OrderStatus.DELIVERED);
    }

    private int writeBackAttempts(long id) {
        for (String c : e.fulfilment.calls(id)) {
            if (c.startsWith("WRITE_BACK:")) {
                return Integer.parseInt(c.substring(c.lastIndexOf(':') + 1));
            }
        }
        return 0;
    }
}
