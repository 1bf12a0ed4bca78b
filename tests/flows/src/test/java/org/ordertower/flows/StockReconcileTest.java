package org.ordertower.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.StockDifference;
import org.ordertower.api.fulfilment.StockDifference.Outcome;
import org.ordertower.api.fulfilment.StockDifference.Quality;
import org.ordertower.api.fulfilment.StockReconciliation;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.Partners;
import org.ordertower.fulfilment.internal.Routing;
import org.ordertower.fulfilment.internal.StockReconcile;
import org.ordertower.core.spi.WarehousePreference;

/**
 * WMS stock reconciliation on the real inventory and ledger (H2): differences are reported; applied only through
 * ledgered adjustments; SKUs with parcels at the WMS not yet reported shipped are skipped; an adjustment under what
 * orders reserved is refused; the ledger check stays clean.
 */
class StockReconcileTest {
    private PipelineFixture f;
    private final Partners partners = new Partners();
    private final CountingWms wms = new CountingWms();
    private Fulfilment fulfilment;
    private StockReconcile reconcile;

    @BeforeEach
    void setUp() throws Exception {
        f = new PipelineFixture(TestDatabases.h2());
        f.teaShop();
        partners.add(wms);
        partners.add(waybills());
        ChannelService noChannel = (ChannelService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { ChannelService.class }, (p, m, a) -> {
                    throw new UnsupportedOperationException(m.getName());
                });
        fulfilment = new Fulfilment(f.db, f.ledger, Clock.systemUTC(), () -> f.inventoryRef, () -> f.catalogRef,
                () -> noChannel, partners, Routing.Settings.parse("nearest,priority", "ZTO", "", "", "SF"),
                new Fulfilment.Options("cainiao", "", "http://127.0.0.1:9", "OrderTower", "4000000000", Map.of(), 3,
                        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofHours(72), Duration.ZERO, Duration.ofMillis(10),
                        50, Duration.ofMillis(1)),
                () -> { });
        f.pipeline.warehousePreference(o -> {
            Routing.Preference p = fulfilment.preference(o);
            return new WarehousePreference.Choice(p.warehouses(), p.reason());
        });
        reconcile = new StockReconcile(f.db, partners, () -> f.inventoryRef, Clock.systemUTC());
    }

    @AfterEach
    void tearDown() throws Exception {
        fulfilment.close();
        f.close();
    }

    private StockRow row(String sku) {
        return f.inventory.rows("HZ").stream().filter(r -> r.sku().equals(sku)).findFirst().orElseThrow();
    }

    private static StockDifference of(StockReconciliation r, String sku, Quality q) {
        return r.differences().stream().filter(d -> d.sku().equals(sku) && d.quality() == q).findFirst()
                .orElseThrow(() -> new AssertionError("no " + q + " difference for " + sku + ": " + r.differences()));
    }

    @Test
    void equalCountsAreCleanAndDifferencesAreOnlyReportedUntilApplied() {
        f.stock("CUP", 10);
        f.stock("POT", 5);
        wms.count("CUP", 10, 0);
        wms.count("POT", 5, 0);
        assertTrue(reconcile.run("HZ", true, Actor.user("tester")).clean());

        wms.count("CUP", 8, 1); // two lost in the WMS's count, one of them found damaged
        wms.count("STICKER", 40, 0); // the WMS holds stickers OrderTower never booked here
        int ledgerRows = f.inventory.ledger(null, 1000).size();
        StockReconciliation report = reconcile.run("HZ", false, Actor.user("tester"));
        assertEquals(3, report.compared());
        assertEquals(3, report.differences().size(), report.differences().toString());
        assertEquals(Outcome.REPORTED, of(report, "CUP", Quality.GOOD).outcome());
        assertEquals(-2, of(report, "CUP", Quality.GOOD).delta());
        assertEquals(Outcome.REPORTED, of(report, "CUP", Quality.DEFECTIVE).outcome());
        assertEquals(40, of(report, "STICKER", Quality.GOOD).delta());
        assertEquals(10, row("CUP").onHand(), "a report changes nothing");
        assertEquals(ledgerRows, f.inventory.ledger(null, 1000).size());

        StockReconciliation applied = reconcile.run("HZ", true, Actor.user("tester"));
        assertEquals(Outcome.ADJUSTED, of(applied, "CUP", Quality.GOOD).outcome());
        assertEquals(Outcome.ADJUSTED, of(applied, "STICKER", Quality.GOOD).outcome());
        assertEquals(Outcome.REPORTED, of(applied, "CUP", Quality.DEFECTIVE).outcome(), "quarantine is never set by a count");
        assertEquals(8, row("CUP").onHand());
        assertEquals(40, row("STICKER").onHand());
        List<LedgerEntry> cupLedger = f.inventory.ledger("CUP", 10);
        assertTrue(cupLedger.get(0).toString().contains("wms-reconcile"), cupLedger.get(0).toString());
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());

        StockReconciliation again = reconcile.run("HZ", true, Actor.user("tester"));
        assertEquals(List.of(of(again, "CUP", Quality.DEFECTIVE)), again.differences(), "applied once, then only quarantine differs");
    }

    @Test
    void skusOnTheirWayThroughTheWmsAreSkippedAndReservedStockIsNeverAdjustedAway() throws Exception {
        f.stock("CUP", 10);
        f.stock("POT", 3);
        long id = f.intake(PipelineFixture.order("R1", 1, PaymentStatus.PAID,
                List.of(PipelineFixture.line("1", "T-CUP", 2, "19.90"))));
        f.drain();
        fulfilment.runOnce();
        fulfilment.runOnce();
        assertEquals(OrderStatus.ROUTED, f.order(id).status());
        assertEquals(ParcelStatus.SENT, fulfilment.parcels(id).get(0).status());
        // the WMS has shipped the two cups but its report has not arrived: it counts 8, OrderTower 10
        wms.count("CUP", 8, 0);
        wms.count("POT", 3, 0);
        StockReconciliation r = reconcile.run("HZ", true, Actor.user("tester"));
        StockDifference cup = of(r, "CUP", Quality.GOOD);
        assertEquals(Outcome.SKIPPED, cup.outcome());
        assertEquals(2, cup.inFlight());
        assertEquals(10, row("CUP").onHand(), "not adjusted while the parcel is at the WMS");

        // a count under what orders reserve is refused, the reservation stays whole
        long id2 = f.intake(PipelineFixture.order("R2", 1, PaymentStatus.PAID,
                List.of(PipelineFixture.line("1", "T-BOX", 1, "99.00"))));
        f.drain();
        assertEquals(1, row("POT").reserved());
        wms.count("POT", 0, 0);
        StockDifference pot = of(reconcile.run("HZ", true, Actor.user("tester")), "POT", Quality.GOOD);
        assertEquals(Outcome.REFUSED, pot.outcome(), pot.toString());
        assertEquals(3, row("POT").onHand());
        assertEquals(1, row("POT").reserved());
        assertFalse(f.order(id2).status() == OrderStatus.CANCELLED);
        assertTrue(f.inventory.check().ok(), f.inventory.check().toString());
    }

    @Test
    void aWarehouseNoWmsRunsIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> reconcile.run("XX", false, Actor.user("tester")));
        assertTrue(e.getMessage().contains("XX"), e.getMessage());
    }

    private static CarrierConnector waybills() {
        return (CarrierConnector) Proxy.newProxyInstance(StockReconcileTest.class.getClassLoader(),
                new Class<?>[] { CarrierConnector.class }, (p, m, a) -> switch (m.getName()) {
                    case "carrierId" -> "cainiao";
                    case "account" -> "default";
                    case "capabilities" -> Set.of(CarrierConnector.Capability.WAYBILL);
                    case "carriers" -> Set.of();
                    case "applyWaybill" -> {
                        WaybillRequest r = (WaybillRequest) a[0];
                        yield new Waybill(r.parcelId(), r.carrierCode(), r.carrierCode() + r.parcelId(), "print");
                    }
                    case "toString" -> "waybills";
                    case "hashCode" -> System.identityHashCode(p);
                    case "equals" -> p == a[0];
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** A WMS that takes delivery orders and answers the counts a test sets. */
    private static final class CountingWms implements WarehouseConnector {
        private final Map<String, WmsStock> counts = new ConcurrentHashMap<>();

        void count(String sku, int good, int defective) {
            counts.put(sku, new WmsStock("HZ", sku, good, defective, 0));
        }

        @Override
        public String wmsId() {
            return "qimen";
        }

        @Override
        public Set<String> warehouses() {
            return Set.of("HZ");
        }

        @Override
        public DeliveryAck createDelivery(DeliveryOrder order) {
            return new DeliveryAck(order.code(), "W" + order.code(), false);
        }

        @Override
        public CancelResult cancelDelivery(String code, String warehouse) {
            return CancelResult.CANCELLED;
        }

        @Override
        public DeliveryAck createReturn(ReturnOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public DeliveryAck createEntry(EntryOrder order) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<WmsStock> stock(String warehouse, List<String> skus) {
            return List.copyOf(new java.util.TreeMap<>(counts).values());
        }

        @Override
        public List<WmsEvent> verifyCallback(org.ordertower.api.channel.PushRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public CallbackReply reply(boolean accepted, String message) {
            return new CallbackReply(200, "text/plain", accepted ? "ok" : message);
        }
    }
}
