package org.ordertower.flows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.lanes.Lanes;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.FailedCall;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.Partners;
import org.ordertower.fulfilment.internal.Routing;

/**
 * Fulfilment on the real pipeline, catalog and inventory (H2): routing, waybills, the WMS, tracking write-back
 * with retries and dead letters, the parcel watch, cancels and returns. The warehouse system, the waybill and
 * tracking service and the marketplace are recording stand-ins here; the connectors' own simulators are tested in
 * their modules.
 */
class FulfilmentFlowTest {
    private PipelineFixture f;
    private final Partners partners = new Partners();
    private final TestWms wms = new TestWms();
    private final TestCarrier carrier = new TestCarrier();
    private final List<Shipment> shipped = new CopyOnWriteArrayList<>();
    private final AtomicInteger channelFailures = new AtomicInteger();
    private volatile boolean channelAlreadyShipped;
    private Fulfilment fulfilment;

    @BeforeEach
    void setUp() throws Exception {
        f = new PipelineFixture(TestDatabases.h2());
        f.teaShop();
        f.csv(CatalogTable.SKUS, """
                code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota
                ICE,Ice cream,,9.90,300,,true,,0,0,0
                """);
        f.csv(CatalogTable.MAPPINGS, """
                channel,shop,channel_sku,item_id,outer_code,master_sku,factor
                tmall,s1,T-ICE,1005,,ICE,1
                tmall,s1,T-POT,1006,,POT,1
                """);
        f.inventory.saveWarehouse(new Warehouse("BJ", "Beijing", "Beijing/Beijing", 39.90, 116.40, Warehouse.Type.OWN, 0));
        f.inventory.saveWarehouse(new Warehouse("NB", "Ningbo bonded", "Zhejiang/Ningbo", 29.87, 121.55,
                Warehouse.Type.BONDED, 0));
        partners.add(wms);
        partners.add(carrier);
        fulfilment = fulfilment();
        f.pipeline.warehousePreference(o -> {
            Routing.Preference p = fulfilment.preference(o);
            return new org.ordertower.core.spi.WarehousePreference.Choice(p.warehouses(), p.reason());
        });
    }

    /** While set, fulfilment sees no inventory service (it is stopping, or its bundle is being updated). */
    private volatile boolean inventoryAway;

    private Fulfilment fulfilment() {
        return FulfilmentSupport.fulfilment(f, partners, this::marketplace, () -> inventoryAway ? null : f.inventoryRef);
    }

    /** The marketplace: records each ship call; fails while {@link #channelFailures} lasts. */
    private Object marketplace(String method, Object[] args) {
        if (!method.equals("ship")) {
            throw new UnsupportedOperationException(method);
        }
        if (channelFailures.get() > 0) {
            channelFailures.decrementAndGet();
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "isp.top-remote-connection-timeout");
        }
        Shipment s = (Shipment) args[2];
        boolean again = shipped.stream().anyMatch(x -> x.trackingNo().equals(s.trackingNo()));
        shipped.add(s);
        return again || channelAlreadyShipped ? ShipResult.ALREADY_SHIPPED : ShipResult.SHIPPED;
    }

    @Test
    void aDeliveryOrderDueWhileTheInventoryIsAwayWaitsForItsSenderAndIsNeverGivenUp() throws Exception {
        f.stock("CUP", 10);
        // the inventory goes away (the node stopping, its bundle updated) between the waybill and the delivery order
        carrier.onApply = () -> inventoryAway = true;
        long id = f.intake(order("T-AWAY", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
        settle();
        assertEquals(1, carrier.requests.size(), "the waybill went out while the inventory was there");
        assertTrue(wms.created.isEmpty(), "no delivery order without the warehouse's address: " + wms.created);
        assertEquals(List.of(), fulfilment.failed(null, 10), "nothing given up");

        carrier.onApply = null;
        inventoryAway = false;
        settle();
        assertEquals(1, wms.created.size());
        assertEquals("Hangzhou", wms.created.get(0).sender().address().city(), "sent from HZ, with its city");
        assertEquals(OrderStatus.ROUTED, f.order(id).status());
        assertEquals(List.of(), fulfilment.failed(null, 10));
    }

    @AfterEach
    void tearDown() throws Exception {
        fulfilment.close();
        f.close();
    }

    private void settle() throws InterruptedException {
        f.settle(fulfilment::runOnce);
    }

    private static NormalizedOrder order(String id, String province, List<org.ordertower.api.OrderLine> lines) {
        return FulfilmentSupport.order(id, province, lines, List.of());
    }

    private static NormalizedOrder order(String id, String province, List<org.ordertower.api.OrderLine> lines,
            List<String> tags) {
        return FulfilmentSupport.order(id, province, lines, tags);
    }

    private void shippedByWms(ParcelView p, String trackingNo) throws Exception {
        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(p, trackingNo, Instant.now())));
    }

    @Test
    void eachPartnersCallsAreACamelRouteAnAdminCanSuspendWhileTheOthersGoOn() throws Exception {
        f.stock("CUP", 10);
        try (Lanes lanes = Lanes.standalone("ordertower-fulfilment", 0)) {
            fulfilment.start(lanes);
            assertEquals(List.of("fulfilment-stock-calls", "fulfilment-unassigned-calls", "partner-cainiao-calls",
                    "partner-qimen-calls"), lanes.names(), "waybills and tracking share cainiao's lane");
            lanes.camel().getRouteController().suspendRoute("partner-qimen-calls");
            long id = f.intake(order("L1", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
            f.settle(() -> 0); // screened and reserved; the worker routes it and cainiao's lane gets the waybill
            await().atMost(Duration.ofSeconds(20)).until(() -> carrier.waybills.size() == 1);
            Thread.sleep(300);
            assertTrue(wms.created.isEmpty(), "the warehouse is not called while its route is suspended");
            assertTrue(fulfilment.calls(id).contains("WMS_CREATE:PENDING:0"), fulfilment.calls(id).toString());

            lanes.camel().getRouteController().resumeRoute("partner-qimen-calls");
            await().atMost(Duration.ofSeconds(20)).until(() -> wms.created.size() == 1);
            assertEquals(fulfilment.parcels(id).get(0).trackingNo(), wms.created.get(0).waybillNo());
            assertTrue(lanes.camel().getExtension(org.apache.camel.api.management.ManagedCamelContext.class)
                    .getManagedRoute("partner-qimen-calls").getExchangesTotal() >= 1, "camel:route-list counts the calls");

            // the marketplace gets a lane of its own with the first call written for it
            lanes.camel().getRouteController().suspendRoute("fulfilment-stock-calls");
            shippedByWms(fulfilment.parcels(id).get(0), fulfilment.parcels(id).get(0).trackingNo());
            await().atMost(Duration.ofSeconds(20)).until(() -> shipped.size() == 1);
            assertTrue(lanes.names().contains("channel-tmall-calls"), lanes.names().toString());
            assertTrue(fulfilment.calls(id).contains("STOCK_SHIP:PENDING:0"), "the stock lane is held: "
                    + fulfilment.calls(id));
        }
    }

    @Test
    void anOrderGoesFromTheNearestWarehouseToTheBuyerAndItsTrackingReachesTheMarketplaceOnce() throws Exception {
        f.stock("CUP", 10);
        f.inventory.receive("CUP", "BJ", 10, "po-bj", Actor.user("tester"));
        long id = f.intake(order("T1", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 2, "19.90"))));
        settle();

        assertEquals(OrderStatus.ROUTED, f.order(id).status());
        assertTrue(f.reasonOf(id, "RESERVED").contains("HZ"), f.reasonOf(id, "RESERVED"));
        List<ParcelView> parcels = fulfilment.parcels(id);
        assertEquals(1, parcels.size());
        ParcelView p = parcels.get(0);
        assertEquals("HZ", p.warehouse(), "nearest to Zhejiang");
        assertEquals("SF", p.carrier(), "region table: Zhejiang ships with SF");
        assertEquals(ParcelStatus.SENT, p.status());
        assertEquals(1, carrier.waybills.size());
        assertEquals(p.trackingNo(), carrier.waybills.get(0).waybillNo());
        assertEquals(1, wms.created.size());
        assertEquals(p.trackingNo(), wms.created.get(0).waybillNo(), "the WMS prints the waybill OrderTower got");

        shippedByWms(p, p.trackingNo());
        shippedByWms(p, p.trackingNo()); // the WMS sends its report again
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());
        assertEquals(1, shipped.size(), "written back once: " + shipped);
        assertEquals(List.of(), shipped.get(0).lineNos(), "one parcel: the whole order");
        assertEquals("T1", shipped.get(0).platformOrderId());
        assertEquals(List.of(p.trackingNo()), carrier.subscribed);
        assertEquals(8, f.inventory.view("CUP").rows().stream().filter(r -> r.warehouse().equals("HZ")).findFirst()
                .orElseThrow().onHand(), "the stock left HZ through the ledger");

        fulfilment.trackingEvents("kuaidi100", List.of(event(p, TrackingState.COLLECTED, 3), event(p, TrackingState.IN_TRANSIT, 2)));
        fulfilment.trackingEvents("kuaidi100", List.of(event(p, TrackingState.COLLECTED, 3), event(p, TrackingState.IN_TRANSIT, 2),
                event(p, TrackingState.DELIVERED, 1)));
        settle();
        assertEquals(OrderStatus.DELIVERED, f.order(id).status());
        assertEquals(ParcelStatus.DELIVERED, fulfilment.parcels(id).get(0).status());
        assertEquals(3, f.count("SELECT COUNT(*) FROM tracking_event"), "repeated events are stored once");
    }

    /**
     * A lane records the ends of a group of calls in one commit, each in a savepoint: when one end cannot be recorded
     * (here the store refuses its audit row), that task fails alone and is retried, and the others of its group are
     * recorded once.
     */
    @Test
    void aCallWhoseEndCannotBeRecordedFailsAloneAndTheOthersOfItsGroupAreRecordedOnce() throws Exception {
        f.stock("CUP", 10);
        List<Long> ids = new java.util.ArrayList<>();
        for (String t : List.of("G1", "G2", "G3")) {
            ids.add(f.intake(order(t, "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90")))));
        }
        settle();
        long refused = ids.get(1);
        org.ordertower.core.spi.OrderLedger real = f.ledger;
        org.ordertower.core.spi.OrderLedger refusing = (org.ordertower.core.spi.OrderLedger) java.lang.reflect.Proxy
                .newProxyInstance(getClass().getClassLoader(), new Class<?>[] { org.ordertower.core.spi.OrderLedger.class },
                        (proxy, method, args) -> {
                            if (method.getName().equals("audit") && args[1].equals(refused)
                                    && "tracking-written-back".equals(args[4])) {
                                throw new java.sql.SQLException("the store refuses this row (test)");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        fulfilment.close();
        fulfilment = FulfilmentSupport.fulfilment(f, partners, this::marketplace, () -> f.inventoryRef, refusing);
        for (long id : ids) {
            ParcelView p = fulfilment.parcels(id).get(0);
            shippedByWms(p, p.trackingNo());
        }
        settle();

        for (long id : List.of(ids.get(0), ids.get(2))) {
            assertTrue(fulfilment.calls(id).contains("WRITE_BACK:DONE:1"), fulfilment.calls(id).toString());
            assertEquals(1, f.orders.timeline(id).stream().filter(a -> a.action().equals("tracking-written-back")).count());
            String platformId = f.order(id).content().platformOrderId();
            assertEquals(1, shipped.stream().filter(s -> s.platformOrderId().equals(platformId)).count(),
                    "recorded once, called once");
        }
        assertEquals(1, fulfilment.failed("WRITE_BACK", 10).size(), fulfilment.calls(refused).toString());
        assertTrue(fulfilment.failed("WRITE_BACK", 10).get(0).lastError().contains("refuses this row"));
        assertEquals(4, shipped.stream().filter(s -> s.platformOrderId().equals("G2")).count(),
                "its call is made again at each attempt: its end was never recorded");
    }

    private static TrackingEvent event(ParcelView p, TrackingState s, int hoursAgo) {
        return FulfilmentSupport.event(p, s, hoursAgo);
    }

    @Test
    void aFailingMarketplaceIsRetriedThenDeadLetteredAndReplayedWithoutAnyDoubleWrite() throws Exception {
        f.stock("CUP", 10);
        long id = f.intake(order("T2", "广东省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
        settle();
        ParcelView p = fulfilment.parcels(id).get(0);
        assertEquals("ZTO", p.carrier(), "cheapest for 250 g in the cost table");

        channelFailures.set(2);
        shippedByWms(p, p.trackingNo());
        settle();
        assertEquals(1, shipped.size(), "succeeded on the third attempt");
        assertTrue(fulfilment.calls(id).contains("WRITE_BACK:DONE:3"), fulfilment.calls(id).toString());

        long id2 = f.intake(order("T3", "广东省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
        settle();
        ParcelView p2 = fulfilment.parcels(id2).get(0);
        channelFailures.set(1000);
        shippedByWms(p2, p2.trackingNo());
        settle();
        assertEquals(1, shipped.size());
        assertEquals(1, fulfilment.failed("WRITE_BACK", 10).size(), "dead after 4 attempts");
        assertEquals(1, f.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'ALERT' AND payload LIKE "
                + "'%\"kind\":\"call-failed\"%' AND payload LIKE '%\"subject\":\"WRITE_BACK\"%'"),
                "the dead write-back raises one alert on the events topic");
        assertTrue(fulfilment.failed("WRITE_BACK", 10).get(0).lastError().contains("timeout"));
        FailedCall dead = fulfilment.failed("WRITE_BACK", 10).get(0);
        assertEquals(List.of(dead), fulfilment.failedSince(dead.createdAt(), 10), "made since: itself");
        assertEquals(List.of(), fulfilment.failedSince(dead.createdAt().plusMillis(1), 10), "nothing made later");

        // the node restarts meanwhile: nothing is lost
        fulfilment.close();
        fulfilment = fulfilment();
        channelFailures.set(0);
        channelAlreadyShipped = true; // someone typed it in by hand on the platform: counts as done
        assertTrue(fulfilment.revive(fulfilment.failed("WRITE_BACK", 10).get(0).id()));
        settle();
        assertEquals(List.of(), fulfilment.failed(null, 10));
        assertEquals(2, shipped.size());
        assertEquals(p2.trackingNo(), shipped.get(1).trackingNo());
        assertTrue(f.orders.timeline(id2).stream().anyMatch(a -> a.action().equals("tracking-written-back")
                && a.reason().contains("ALREADY_SHIPPED")));
    }

    @Test
    void splitShipmentsAndColdChainGoodsMakeSeparateParcelsWrittenBackLineByLine() throws Exception {
        f.stock("CUP", 1);
        f.inventory.receive("POT", "BJ", 5, "po-bj", Actor.user("tester"));
        f.stock("ICE", 5);
        long id = f.intake(order("T4", "江苏省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"),
                PipelineFixture.line("2", "T-ICE", 1, "9.90"))));
        settle();
        List<ParcelView> parcels = fulfilment.parcels(id);
        assertEquals(2, parcels.size(), "cold-chain goods ship alone: " + parcels);
        assertTrue(parcels.stream().anyMatch(x -> x.lines().get(0).sku().equals("ICE") && x.carrier().equals("SF")));

        long id2 = f.intake(order("T5", "北京", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
        long id3 = f.intake(order("T6", "北京", List.of(PipelineFixture.line("1", "T-POT", 1, "59.00"))));
        settle();
        assertEquals(OrderStatus.ON_HOLD, f.order(id2).status(), "HZ's only cup went to T4");
        assertEquals("BJ", fulfilment.parcels(id3).get(0).warehouse());

        for (ParcelView p : parcels) {
            shippedByWms(p, p.trackingNo());
        }
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());
        assertEquals(2, shipped.size());
        assertEquals(Set.of(List.of("1"), List.of("2")), Set.of(shipped.get(0).lineNos(), shipped.get(1).lineNos()),
                "each parcel names its platform lines");
    }

    @Test
    void crossBorderOrdersUseBondedWarehousesOnly() throws Exception {
        f.stock("CUP", 5);
        f.inventory.receive("CUP", "NB", 5, "po-nb", Actor.user("tester"));
        long id = f.intake(order("T7", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90")),
                List.of("cross-border")));
        long local = f.intake(order("T8", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90"))));
        settle();
        assertEquals("NB", fulfilment.parcels(id).get(0).warehouse());
        assertEquals("HZ", fulfilment.parcels(local).get(0).warehouse());
    }

    @Test
    void aCancelBeforeShippingCancelsTheDeliveryOrderAndGivesTheStockBack() throws Exception {
        f.stock("CUP", 3);
        long id = f.intake(order("T9", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 2, "19.90"))));
        settle();
        ParcelView p = fulfilment.parcels(id).get(0);
        assertEquals(ParcelStatus.SENT, p.status());
        f.orders.transition(id, OrderStatus.CANCELLED, Actor.channel("tmall"), "the buyer cancelled");
        settle();
        assertEquals(ParcelStatus.CANCELLED, fulfilment.parcels(id).get(0).status());
        assertEquals(List.of(p.code()), wms.cancelled);
        assertEquals(List.of(p.trackingNo()), carrier.cancelledWaybills);
        assertEquals(0, f.reserved("CUP"));
    }

    /** The platform's next version of an order, with the address the buyer changed it to. */
    private static NormalizedOrder readdressed(NormalizedOrder o, String detail) {
        Address a = o.address();
        return new NormalizedOrder(o.channel(), o.shop(), o.platformOrderId(), o.platformVersion() + 1, o.platformStatus(),
                o.paymentStatus(), o.buyer(), new Address(a.country(), a.province(), a.city(), a.district(), a.street(),
                        detail, a.postcode()), o.lines(), o.amounts(), o.createdAt(), o.paidAt(),
                Instant.ofEpochMilli(o.platformVersion() + 1), o.buyerNote(), o.sellerNote(), o.tags());
    }

    @Test
    void anAddressChangedAfterTheDeliveryOrderWentOutMakesTheParcelAgainForTheNewAddress() throws Exception {
        f.stock("CUP", 3);
        NormalizedOrder placed = order("A1", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 2, "19.90")));
        long id = f.intake(placed);
        settle();
        ParcelView old = fulfilment.parcels(id).get(0);
        assertEquals(ParcelStatus.SENT, old.status());
        f.intake(readdressed(placed, "文一路 99号"));
        settle();

        assertEquals(List.of(old.code()), wms.cancelled, "the delivery order to the old address is cancelled");
        assertEquals(List.of(old.trackingNo()), carrier.cancelledWaybills, "its waybill given back");
        List<ParcelView> parcels = fulfilment.parcels(id);
        assertEquals(2, parcels.size(), parcels.toString());
        ParcelView again = parcels.get(1);
        assertEquals(ParcelStatus.SENT, again.status());
        assertEquals("文一路 99号", wms.created.get(wms.created.size() - 1).receiver().address().detail());
        assertEquals(again.code(), wms.created.get(wms.created.size() - 1).code());
        assertEquals(OrderStatus.ROUTED, f.order(id).status());
        assertEquals(2, f.reserved("CUP"), "the stock stays reserved for the order");
        settle();
        assertEquals(2, parcels.size(), "nothing more once the parcel carries the new address");

        shippedByWms(again, again.trackingNo());
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());
        assertEquals(1, shipped.size());
        assertEquals(again.trackingNo(), shipped.get(0).trackingNo());
    }

    @Test
    void anAddressChangedAfterTheWarehouseShippedKeepsTheParcelAndRaisesAnAlert() throws Exception {
        f.stock("CUP", 3);
        NormalizedOrder placed = order("A2", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 1, "19.90")));
        long id = f.intake(placed);
        settle();
        ParcelView p = fulfilment.parcels(id).get(0);
        wms.cancelAnswer = CancelResult.ALREADY_SHIPPED;
        f.intake(readdressed(placed, "文一路 100号"));
        settle();
        assertEquals(1, fulfilment.parcels(id).size(), "no second parcel: the goods have left");
        assertEquals(ParcelStatus.SENT, fulfilment.parcels(id).get(0).status());
        assertEquals(List.of(), carrier.cancelledWaybills);
        assertEquals(1, f.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'ALERT' AND order_id = " + id
                + " AND payload LIKE '%address-changed-after-shipping%'"));
        shippedByWms(p, p.trackingNo());
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());
        assertEquals(1, shipped.size());
    }

    @Test
    void parcelsThatStopMovingAreFlaggedAndReturnsComeBackThroughTheLedger() throws Exception {
        f.stock("CUP", 3);
        long id = f.intake(order("T10", "浙江省", List.of(PipelineFixture.line("1", "T-CUP", 2, "19.90"))));
        settle();
        ParcelView p = fulfilment.parcels(id).get(0);
        fulfilment.wmsEvents("qimen", List.of(new WmsEvent("s1", WmsEvent.Kind.SHIPPED, p.code(), "HZ",
                Instant.now().minus(Duration.ofHours(100)), List.of(new ShippedPackage("SF", p.trackingNo(), 0, p.lines())),
                List.of(), "DELIVERED", null)));
        settle();
        assertEquals(1, fulfilment.stuck(10).size(), "100 h without a tracking event");
        assertTrue(f.orders.timeline(id).stream().anyMatch(a -> a.action().equals("parcel-stuck")));
        assertEquals(1, f.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'ALERT' AND order_id = " + id
                + " AND payload LIKE '%\"kind\":\"parcel-stuck\"%'"), "and one alert event");

        fulfilment.trackingEvents("kuaidi100", List.of(event(p, TrackingState.REFUSED, 1)));
        settle();
        assertEquals(0, fulfilment.stuck(10).size(), "it moves again");
        assertEquals(ParcelStatus.RETURNING, fulfilment.parcels(id).get(0).status());
        assertEquals(1, wms.returns.size());
        assertEquals("HZ", wms.returns.get(0).warehouse(), "SF's network returns to HZ");

        fulfilment.wmsEvents("qimen", List.of(new WmsEvent("r1", WmsEvent.Kind.RETURN_RECEIVED, wms.returns.get(0).code(),
                "HZ", Instant.now(), List.of(), List.of(new ReceivedLine("CUP", 1, false), new ReceivedLine("CUP", 1, true)),
                "RECEIVED", null)));
        settle();
        assertEquals(OrderStatus.RETURNED, f.order(id).status());
        assertEquals(2, f.inventory.view("CUP").rows().stream().filter(r -> r.warehouse().equals("HZ")).findFirst()
                .orElseThrow().onHand(), "3 received, 2 shipped, 1 back sellable; the damaged one is quarantined");
        assertTrue(f.inventory.check().ok(), "the counters equal the ledger");
    }
}
