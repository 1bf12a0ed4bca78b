package org.ordertower.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.TrackingState;
import org.ordertower.api.fulfilment.WarehouseHealth;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.Partners;
import org.ordertower.fulfilment.internal.Routing;

/**
 * Routing beyond one order: orders of one buyer and address merged into one box, and goods fetched from a
 * regional warehouse by a transfer instead of a split. Real pipeline, catalog and inventory on H2; the WMS, the
 * waybill service and the marketplace are the recording stand-ins; fulfilment runs on a clock the test moves.
 */
class FulfilmentRoutingTest {
    private static final Buyer BUYER = new Buyer("李四", "13900000000", "buyer-42");
    private static final Address HOME = new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "8号 3单元", "310012");

    private PipelineFixture f;
    private final Partners partners = new Partners();
    private final TestWms wms = new TestWms();
    private final TestCarrier carrier = new TestCarrier();
    private final List<Shipment> shipped = new CopyOnWriteArrayList<>();
    private final MovingClock clock = new MovingClock();
    private Fulfilment fulfilment;

    private void start(String strategies, Routing.Consolidation consolidation) throws Exception {
        f = new PipelineFixture(TestDatabases.h2());
        f.teaShop();
        f.csv(org.ordertower.api.inventory.CatalogTable.MAPPINGS, """
                channel,shop,channel_sku,item_id,outer_code,master_sku,factor
                tmall,s1,T-POT,1006,,POT,1
                """);
        f.inventory.saveWarehouse(new Warehouse("NB", "Ningbo", "Zhejiang/Ningbo", 29.87, 121.55, Warehouse.Type.OWN, 2));
        f.inventory.saveWarehouse(new Warehouse("BJ", "Beijing", "Beijing/Beijing", 39.90, 116.40, Warehouse.Type.OWN, 3));
        partners.add(wms);
        partners.add(carrier);
        ChannelService channels = (ChannelService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ChannelService.class }, (proxy, method, args) -> {
                    if (!method.getName().equals("ship")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    shipped.add((Shipment) args[2]);
                    return ShipResult.SHIPPED;
                });
        Fulfilment.Options options = new Fulfilment.Options("cainiao", "cainiao", "http://127.0.0.1:9", "OrderTower",
                "4000000000", Map.of(), 4, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofHours(72),
                Duration.ZERO, Duration.ofMillis(10), 50, Duration.ofMillis(1));
        fulfilment = new Fulfilment(f.db, f.ledger, clock, () -> f.inventoryRef, () -> f.catalogRef,
                () -> channels, partners, Routing.Settings.parse(strategies, "ZTO", "江苏|浙江|上海=SF", "", "SF"),
                consolidation, options, () -> { });
        f.pipeline.warehousePreference(o -> {
            Routing.Preference p = fulfilment.preference(o);
            return new org.ordertower.core.spi.WarehousePreference.Choice(p.warehouses(), p.reason());
        });
    }

    /** Merging on, a 10-minute window, parcels held 30 minutes; transfers up to {@code maxKm}. */
    private static Routing.Consolidation consolidation(double maxKm) {
        return new Routing.Consolidation(true, Duration.ofMinutes(10), Duration.ofMinutes(30), maxKm, 2, 0,
                Duration.ofHours(24));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (fulfilment != null) {
            fulfilment.close();
        }
        if (f != null) {
            f.close();
        }
    }

    private void settle() throws InterruptedException {
        f.settle(fulfilment::runOnce);
    }

    private static NormalizedOrder order(String id, Buyer buyer, Address address, List<String> tags, OrderLine... lines) {
        NormalizedOrder o = PipelineFixture.order(id, 1, PaymentStatus.PAID, List.of(lines));
        return new NormalizedOrder(o.channel(), o.shop(), o.platformOrderId(), o.platformVersion(), o.platformStatus(),
                o.paymentStatus(), buyer, address, o.lines(), o.amounts(), o.createdAt(), o.paidAt(),
                o.platformChangedAt(), o.buyerNote(), o.sellerNote(), tags);
    }

    private static OrderLine cups(int n) {
        return PipelineFixture.line("1", "T-CUP", n, "19.90");
    }

    private ParcelView only(long orderId) {
        List<ParcelView> live = fulfilment.parcels(orderId).stream().filter(p -> p.status() != ParcelStatus.CANCELLED)
                .toList();
        assertEquals(1, live.size(), "live parcels of order " + orderId + ": " + live);
        return live.get(0);
    }

    private boolean audited(long orderId, String action, String text) {
        return f.orders.timeline(orderId).stream()
                .anyMatch(a -> a.action().equals(action) && a.reason() != null && a.reason().contains(text));
    }

    private StockRow row(String sku, String warehouse) {
        return f.inventory.view(sku).rows().stream().filter(r -> r.warehouse().equals(warehouse)).findFirst().orElseThrow();
    }

    @Test
    void ordersOfOneBuyerAndAddressShipAsOneParcelAndEachIsWrittenBackWithTheSharedTrackingNumber() throws Exception {
        start("nearest,priority", consolidation(200));
        f.stock("CUP", 20);
        long a = f.intake(order("M1", BUYER, HOME, List.of(), cups(1)));
        settle();
        assertEquals(ParcelStatus.PLANNED, only(a).status(), "held for merge.hold");
        assertEquals(0, carrier.waybills.size());

        Address sameSpelledOtherwise = new Address("CN", "浙江", "杭州市", "西湖区", "文三路", "8号3单元", "310012");
        long b = f.intake(order("M2", BUYER, sameSpelledOtherwise, List.of(), PipelineFixture.line("1", "T-POT", 1, "59.00")));
        long otherAddress = f.intake(order("M3", BUYER, new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "9号", null),
                List.of(), cups(1)));
        long noMerge = f.intake(order("M4", BUYER, HOME, List.of("no-merge"), cups(1)));
        f.stock("POT", 5);
        settle();
        clock.move(Duration.ofMinutes(15)); // beyond merge.window (10 min) of M1's parcel, within its hold
        long late = f.intake(order("M5", BUYER, HOME, List.of(), cups(1)));
        settle();

        ParcelView pa = only(a);
        ParcelView pb = only(b);
        assertTrue(pb.routeReason().contains("merged into " + pa.code()), pb.routeReason());
        for (long other : List.of(otherAddress, noMerge, late)) {
            assertTrue(!only(other).routeReason().contains("merged into"), only(other).routeReason());
        }
        assertTrue(only(noMerge).routeReason().contains("never merged: tag no-merge"), only(noMerge).routeReason());
        assertTrue(audited(a, "merged", pb.code() + " of order " + b + " joins " + pa.code()));
        assertTrue(audited(b, "merged", pb.code() + " ships in the box of " + pa.code()));

        clock.move(Duration.ofMinutes(40)); // every hold is over
        settle();
        assertEquals(4, carrier.waybills.size(), "one waybill for M1+M2, one each for M3, M4, M5");
        assertEquals(4, wms.created.size());
        DeliveryOrder box = wms.created.stream().filter(d -> d.code().equals(pa.code())).findFirst().orElseThrow();
        assertEquals("M1,M2", box.platformOrderId());
        assertEquals(Set.of("CUP", "POT"), box.lines().stream().map(l -> l.sku()).collect(Collectors.toSet()));
        assertEquals(List.of("1", "2"), box.lines().stream().map(l -> l.lineNo()).toList());
        assertTrue(wms.created.stream().noneMatch(d -> d.code().equals(pb.code())), "no delivery order of its own");
        assertEquals(ParcelStatus.SENT, only(b).status());

        ParcelView sent = only(a);
        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(sent, sent.trackingNo(), clock.instant())));
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(a).status());
        assertEquals(OrderStatus.SHIPPED, f.order(b).status());
        assertEquals(OrderStatus.ROUTED, f.order(late).status());
        assertEquals(2, shipped.size(), "each order written back: " + shipped);
        assertEquals(Set.of("M1", "M2"), shipped.stream().map(Shipment::platformOrderId).collect(Collectors.toSet()));
        assertEquals(Set.of(sent.trackingNo()), shipped.stream().map(Shipment::trackingNo).collect(Collectors.toSet()));
        assertEquals(List.of(), shipped.get(0).lineNos(), "each order ships whole");
        assertEquals(sent.trackingNo(), only(b).trackingNo());
        assertEquals(List.of(sent.trackingNo()), carrier.subscribed, "one box, one subscription");

        fulfilment.trackingEvents("kuaidi100", List.of(new TrackingEvent(sent.carrier(), sent.trackingNo(),
                TrackingState.DELIVERED, clock.instant(), "signed", "杭州", null)));
        settle();
        assertEquals(OrderStatus.DELIVERED, f.order(a).status());
        assertEquals(OrderStatus.DELIVERED, f.order(b).status());
        assertEquals(0, row("POT", "HZ").reserved());
        assertEquals(4, row("POT", "HZ").onHand(), "M2's pot left through the ledger");
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
    }

    @Test
    void cancellingOneOrderOfASentBoxCancelsTheDeliveryOrderAndTheOtherShipsOnItsOwn() throws Exception {
        start("nearest,priority", consolidation(200));
        f.stock("CUP", 10);
        long a = f.intake(order("C1", BUYER, HOME, List.of(), cups(2)));
        long b = f.intake(order("C2", BUYER, HOME, List.of(), cups(3)));
        settle();
        ParcelView lead = only(a);
        assertTrue(only(b).routeReason().contains("merged into " + lead.code()));
        clock.move(Duration.ofMinutes(31));
        settle();
        assertEquals(1, wms.created.size());
        String waybill = only(a).trackingNo();
        assertEquals(5, wms.created.get(0).lines().stream().mapToInt(l -> l.quantity()).sum());

        f.orders.transition(b, OrderStatus.CANCELLED, Actor.channel("tmall"), "the buyer cancelled");
        settle();
        assertEquals(List.of(lead.code()), wms.cancelled, "the box's delivery order is cancelled");
        assertEquals(List.of(waybill), carrier.cancelledWaybills, "its waybill is given back");
        assertTrue(fulfilment.parcels(b).stream().allMatch(p -> p.status() == ParcelStatus.CANCELLED));
        assertTrue(audited(a, "parcel-replanned", "order " + b + " of the merged parcel " + lead.code()), f.orders
                .timeline(a).toString());
        assertEquals(OrderStatus.ROUTED, f.order(a).status());
        assertEquals(2, f.reserved("CUP"), "C2's stock is given back, C1's still held");

        clock.move(Duration.ofMinutes(31));
        settle();
        ParcelView again = only(a);
        assertNotEquals(lead.code(), again.code());
        assertEquals(ParcelStatus.SENT, again.status());
        DeliveryOrder alone = wms.created.get(wms.created.size() - 1);
        assertEquals(again.code(), alone.code());
        assertEquals("C1", alone.platformOrderId());
        assertEquals(2, alone.lines().stream().mapToInt(l -> l.quantity()).sum(), "only C1's cups");

        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(again, again.trackingNo(), clock.instant())));
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(a).status());
        assertEquals(OrderStatus.CANCELLED, f.order(b).status());
        assertEquals(1, shipped.size());
        assertEquals("C1", shipped.get(0).platformOrderId());
        assertEquals(again.trackingNo(), shipped.get(0).trackingNo());
        assertEquals(8, row("CUP", "HZ").onHand());
        assertEquals(0, f.reserved("CUP"));
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
    }

    @Test
    void aBoxTheWarehouseHadShippedBeforeTheCancelIsNotPlannedAgainAndTheOtherOrderShipsWithIt() throws Exception {
        start("nearest,priority", consolidation(200));
        f.stock("CUP", 10);
        long a = f.intake(order("S1", BUYER, HOME, List.of(), cups(2)));
        long b = f.intake(order("S2", BUYER, HOME, List.of(), cups(3)));
        settle();
        ParcelView lead = only(a);
        clock.move(Duration.ofMinutes(31));
        settle();
        assertEquals(1, wms.created.size());
        String waybill = only(a).trackingNo();

        wms.cancelAnswer = CancelResult.ALREADY_SHIPPED; // the box left before the cancel reached the warehouse
        f.orders.transition(b, OrderStatus.CANCELLED, Actor.channel("tmall"), "the buyer cancelled");
        settle();
        clock.move(Duration.ofMinutes(31));
        settle();
        assertEquals(List.of(lead.code()), wms.cancelled);
        assertEquals(1, wms.created.size(), "nothing planned again: the goods have left");
        assertEquals(List.of(), carrier.cancelledWaybills, "the waybill of a parcel on its way is kept");
        assertEquals(ParcelStatus.SENT, only(a).status(), "S1's parcel is back in the box");
        assertTrue(audited(a, "parcel-kept", lead.code()), f.orders.timeline(a).toString());
        assertEquals(1, f.count("SELECT COUNT(*) FROM outbox WHERE event_type = 'ALERT' AND order_id = " + b
                + " AND payload LIKE '%shipped-after-cancel%'"), "the cancelled order raises an alert");

        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(lead, waybill, clock.instant())));
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(a).status());
        assertEquals(OrderStatus.CANCELLED, f.order(b).status());
        assertEquals(1, shipped.size(), "written back for S1 only: " + shipped);
        assertEquals("S1", shipped.get(0).platformOrderId());
        assertEquals(waybill, shipped.get(0).trackingNo());
    }

    @Test
    void anAddressChangedOnOneOrderOfASentBoxBreaksTheBoxAndEachOrderShipsToItsOwnAddress() throws Exception {
        start("nearest,priority", consolidation(200));
        f.stock("CUP", 10);
        long a = f.intake(order("D1", BUYER, HOME, List.of(), cups(1)));
        NormalizedOrder second = order("D2", BUYER, HOME, List.of(), cups(2));
        long b = f.intake(second);
        settle();
        ParcelView box = only(a);
        assertTrue(only(b).routeReason().contains("merged into " + box.code()));
        clock.move(Duration.ofMinutes(31));
        settle();
        assertEquals(1, wms.created.size());
        String waybill = only(a).trackingNo();

        Address moved = new Address("CN", "浙江省", "杭州市", "拱墅区", "莫干山路", "100号", "310005");
        f.intake(new NormalizedOrder(second.channel(), second.shop(), "D2", 2, second.platformStatus(),
                second.paymentStatus(), second.buyer(), moved, second.lines(), second.amounts(), second.createdAt(),
                second.paidAt(), Instant.ofEpochMilli(2), null, null, List.of()));
        settle();
        clock.move(Duration.ofMinutes(31)); // past the hold of the parcels made again
        settle();

        assertEquals(List.of(box.code()), wms.cancelled, "the box is cancelled at the warehouse");
        assertEquals(List.of(waybill), carrier.cancelledWaybills);
        ParcelView pa = only(a);
        ParcelView pb = only(b);
        assertNotEquals(box.code(), pa.code());
        assertTrue(!pb.routeReason().contains("merged into"), "other addresses, two parcels: " + pb.routeReason());
        assertEquals(ParcelStatus.SENT, pa.status());
        assertEquals(ParcelStatus.SENT, pb.status());
        assertEquals(3, wms.created.size());
        DeliveryOrder forB = wms.created.stream().filter(d -> d.code().equals(pb.code())).findFirst().orElseThrow();
        assertEquals("莫干山路", forB.receiver().address().street());
        DeliveryOrder forA = wms.created.stream().filter(d -> d.code().equals(pa.code())).findFirst().orElseThrow();
        assertEquals("文三路", forA.receiver().address().street());
        assertTrue(audited(b, "readdressed", box.code()), f.orders.timeline(b).toString());
        assertTrue(audited(a, "parcel-replanned", "receiver changed"), f.orders.timeline(a).toString());
        assertEquals(3, f.reserved("CUP"), "both orders keep their stock");
    }

    @Test
    void goodsFromARegionalWarehouseComeByTransferAndTheParcelShipsOnceTheyAreReceived() throws Exception {
        start("nearest,transfer,priority", consolidation(200));
        f.stock("CUP", 5);
        f.inventory.receive("POT", "NB", 3, "po-nb", Actor.user("tester"));
        f.inventory.receive("POT", "BJ", 3, "po-bj", Actor.user("tester"));
        long id = f.intake(order("X1", BUYER, HOME, List.of(), cups(1), PipelineFixture.line("2", "T-POT", 2, "59.00")));
        settle();

        LocalDate expected = LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai")).plusDays(2);
        ParcelView p = only(id);
        assertEquals("HZ", p.warehouse());
        assertEquals(ParcelStatus.PLANNED, p.status());
        assertTrue(p.routeReason().matches(".*transfer of 2 x POT from NB \\(1[0-9]{2} km\\) to HZ, expected " + expected
                + ".*"), p.routeReason());
        assertEquals(Set.of("CUP", "POT"), p.lines().stream().map(l -> l.sku()).collect(Collectors.toSet()));
        assertEquals(0, carrier.waybills.size(), "the parcel waits for the transfer");
        DeliveryOrder out = wms.created.get(0);
        assertTrue(out.code().startsWith("T"), out.code());
        assertEquals("NB", out.warehouse());
        EntryOrder in = wms.entries.get(0);
        assertEquals(out.code(), in.code());
        assertEquals("HZ", in.warehouse());
        assertEquals(EntryOrder.Type.TRANSFER, in.type());
        assertEquals(expected, in.expected());
        assertEquals(0, row("POT", "BJ").reserved(), "the nearer regional warehouse was preferred");

        clock.move(Duration.ofDays(4));
        settle();
        assertEquals(List.of(p.code()), fulfilment.stuck(10).stream().map(ParcelView::code).toList(), "late transfer");
        assertTrue(audited(id, "transfer-late", "expected " + expected));

        fulfilment.wmsEvents("qimen", List.of(new WmsEvent("entry-1", WmsEvent.Kind.ENTRY_RECEIVED, out.code(), "HZ",
                clock.instant(), List.of(), List.of(new ReceivedLine("POT", 2, false)), "FULFILLED", null)));
        settle();
        assertEquals(1, row("POT", "NB").onHand(), "out at the source");
        assertEquals(0, row("POT", "NB").reserved());
        assertEquals(2, row("POT", "HZ").onHand(), "in at the destination");
        assertEquals(2, row("POT", "HZ").reserved(), "the reservation follows");
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
        assertEquals(List.of(), fulfilment.stuck(10));
        p = only(id);
        assertEquals(ParcelStatus.SENT, p.status());
        DeliveryOrder delivery = wms.created.get(wms.created.size() - 1);
        assertEquals(p.code(), delivery.code());
        assertEquals("HZ", delivery.warehouse());

        fulfilment.wmsEvents("qimen", List.of(TestWms.shipped(p, p.trackingNo(), clock.instant())));
        settle();
        assertEquals(OrderStatus.SHIPPED, f.order(id).status());
        assertEquals(1, shipped.size());
        assertEquals(List.of(), shipped.get(0).lineNos(), "one parcel: the whole order");
        assertEquals(0, row("POT", "HZ").onHand());
        assertEquals(4, row("CUP", "HZ").onHand());
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());

        // the warehouses' health over the last 10 days: the parcel left HZ 4 days after it was routed, its goods came
        // from NB by a late transfer, and HZ's 4 units on hand last 13.3 days at 3 units in 10 days
        Instant to = clock.instant().plusSeconds(60);
        Map<String, WarehouseHealth> health = fulfilment.warehouses(to.minus(Duration.ofDays(10)), to, Duration.ofHours(24))
                .stream().collect(Collectors.toMap(WarehouseHealth::warehouse, h -> h));
        assertEquals(new WarehouseHealth("HZ", 1, 1, 0, 0, 0, 0, 1, 1, 3, 4, 13.3), health.get("HZ"));
        assertEquals(new WarehouseHealth("NB", 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, null), health.get("NB"));
        assertEquals(new WarehouseHealth("BJ", 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, null), health.get("BJ"));
        assertEquals(0.0, health.get("HZ").onTimeShare());
        assertEquals(1, fulfilment.warehouses(to.minus(Duration.ofDays(10)), to, Duration.ofDays(5)).stream()
                .filter(h -> h.warehouse().equals("HZ")).findFirst().orElseThrow().shippedOnTime(), "within 5 days");
        assertEquals(0, fulfilment.warehouses(to, to.plusSeconds(60), Duration.ofHours(24)).stream()
                .mapToLong(WarehouseHealth::routed).sum(), "nothing routed after it");
        assertThrows(IllegalArgumentException.class, () -> fulfilment.warehouses(to, to.minus(Duration.ofDays(93)),
                Duration.ofHours(1)));
    }

    @Test
    void beyondTheDistanceLimitTheOrderIsSplitInstead() throws Exception {
        start("nearest,transfer,priority", consolidation(100)); // NB is about 140 km from HZ
        f.stock("CUP", 5);
        f.inventory.receive("POT", "NB", 3, "po-nb", Actor.user("tester"));
        long id = f.intake(order("X2", BUYER, HOME, List.of(), cups(1), PipelineFixture.line("2", "T-POT", 2, "59.00")));
        settle();
        List<ParcelView> parcels = fulfilment.parcels(id);
        assertEquals(Set.of("HZ", "NB"), parcels.stream().map(ParcelView::warehouse).collect(Collectors.toSet()));
        assertTrue(parcels.stream().allMatch(p -> p.routeReason().contains("split shipment")), parcels.toString());
        assertEquals(List.of(), wms.entries);
    }

    /** The system clock moved on by what the test says. */
    private static final class MovingClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void move(Duration d) {
            offset = offset.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
