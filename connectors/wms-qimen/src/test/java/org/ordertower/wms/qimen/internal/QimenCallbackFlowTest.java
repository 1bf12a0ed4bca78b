package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.wms.qimen.internal.SimFixture.order;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.api.fulfilment.WmsEvent.Kind;
import org.ordertower.sim.qimen.QimenSimulator;

/**
 * The simulator works orders and calls the ERP back; a JDK HTTP server in the test is the ERP's endpoint, verifying
 * each callback with the connector and answering with its reply.
 */
class QimenCallbackFlowTest {

    @Test
    void aDeliveryIsReportedStepByStepThenConfirmedWithTheGivenWaybill() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10,SKU-2=4"), true)) {
            fx.connector.createDelivery(order("DO-1", "WH-HZ", "SF1000000000001", new ParcelLine("1", "SKU-1", null, 2),
                    new ParcelLine("2", "SKU-2", null, 1)));
            SimFixture.until("DO-1 shipped", () -> fx.eventsFor("DO-1").stream().anyMatch(e -> e.kind() == Kind.SHIPPED));
            List<WmsEvent> events = fx.eventsFor("DO-1");
            assertEquals(List.of("ACCEPT", "PRINT", "PICK", "PACKAGE", "DELIVERED", "DELIVERED"),
                    events.stream().map(WmsEvent::status).toList());
            assertTrue(events.subList(0, 5).stream().allMatch(e -> e.kind() == Kind.PROGRESS));
            WmsEvent shipped = events.get(5);
            assertEquals("WH-HZ", shipped.warehouse(), "the WMS code is mapped back to the OrderTower id");
            assertEquals(1, shipped.packages().size());
            ShippedPackage p = shipped.packages().get(0);
            assertEquals("SF", p.carrierCode());
            assertEquals("SF1000000000001", p.trackingNo());
            assertTrue(p.weightGrams() > 0);
            assertEquals(Map.of("SKU-1", 2, "SKU-2", 1), Map.of(p.lines().get(0).sku(), p.lines().get(0).quantity(),
                    p.lines().get(1).sku(), p.lines().get(1).quantity()));
            assertEquals(8, fx.sim.stock("HZ001", "SKU-1").good(), "stock leaves when it ships");
            assertEquals(0, fx.sim.stock("HZ001", "SKU-1").locked());
            assertTrue(fx.refusals.isEmpty(), fx.refusals.toString());
        }
    }

    @Test
    void withoutAWaybillTheWmsAssignsACarrierLikeOne() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10"), true)) {
            fx.connector.createDelivery(new org.ordertower.api.fulfilment.DeliveryOrder("DO-2", "WH-SH", "jd", "jd-shop",
                    "JD-9", "ZTO", null, null, SimFixture.receiver(), SimFixture.sender(), null, null, null,
                    List.of(new ParcelLine("1", "SKU-1", null, 1))));
            SimFixture.until("DO-2 shipped", () -> fx.eventsFor("DO-2").stream().anyMatch(e -> e.kind() == Kind.SHIPPED));
            ShippedPackage p = fx.eventsFor("DO-2").stream().filter(e -> e.kind() == Kind.SHIPPED).findFirst().orElseThrow()
                    .packages().get(0);
            assertEquals("ZTO", p.carrierCode());
            assertTrue(p.trackingNo().matches("78\\d{12}"), p.trackingNo());
        }
    }

    @Test
    void aPartialShipmentComesInTwoConfirms() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10"), true)) {
            fx.sim.force("DO-3", QimenSimulator.Scenario.PARTIAL);
            fx.connector.createDelivery(order("DO-3", "WH-HZ", "SF2000000000001", new ParcelLine("1", "SKU-1", null, 4)));
            SimFixture.until("DO-3 fully shipped", () -> fx.eventsFor("DO-3").stream().anyMatch(e -> e.kind() == Kind.SHIPPED));
            List<WmsEvent> ships = fx.eventsFor("DO-3").stream()
                    .filter(e -> e.kind() == Kind.SHIPPED || e.kind() == Kind.PARTIALLY_SHIPPED).toList();
            assertEquals(List.of(Kind.PARTIALLY_SHIPPED, Kind.SHIPPED), ships.stream().map(WmsEvent::kind).toList());
            assertEquals("PARTDELIVERED", ships.get(0).status());
            assertEquals("SF2000000000001", ships.get(0).packages().get(0).trackingNo());
            assertFalse(ships.get(1).packages().get(0).trackingNo().equals("SF2000000000001"), "a second waybill");
            assertEquals(2, ships.get(0).packages().get(0).lines().get(0).quantity());
            assertEquals(2, ships.get(1).packages().get(0).lines().get(0).quantity());
            assertEquals(6, fx.sim.stock("HZ001", "SKU-1").good());
        }
    }

    @Test
    void anOrderWithoutShelfStockIsAnException() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=1"), true)) {
            fx.connector.createDelivery(order("DO-4", "WH-HZ", null, new ParcelLine("1", "SKU-1", null, 2)));
            SimFixture.until("DO-4 exception", () -> !fx.eventsFor("DO-4").isEmpty());
            WmsEvent e = fx.eventsFor("DO-4").get(0);
            assertEquals(Kind.EXCEPTION, e.kind());
            assertEquals("EXCEPTION", e.status());
            assertTrue(e.message().contains("SKU-1"), e.message());
            assertEquals("EXCEPTION", fx.sim.delivery("DO-4").orElseThrow().state());
        }
    }

    @Test
    void aDuplicatedCallbackCarriesTheSameEventId() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10", "duplicateCallbacks", "true"), true)) {
            fx.connector.createDelivery(order("DO-5", "WH-HZ", null, new ParcelLine("1", "SKU-1", null, 1)));
            SimFixture.until("DO-5 shipped twice", () -> fx.eventsFor("DO-5").stream()
                    .filter(e -> e.kind() == Kind.SHIPPED).count() == 2);
            List<WmsEvent> ships = fx.eventsFor("DO-5").stream().filter(e -> e.kind() == Kind.SHIPPED).toList();
            assertEquals(ships.get(0).eventId(), ships.get(1).eventId());
            long distinct = fx.eventsFor("DO-5").stream().map(WmsEvent::eventId).distinct().count();
            assertEquals(6, distinct, "five reports and one confirm, each sent twice");
        }
    }

    @Test
    void aFailingErpAnswerMakesTheWmsSendAgain() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10"), true)) {
            fx.failNext.set(2);
            fx.connector.createDelivery(order("DO-6", "WH-HZ", null, new ParcelLine("1", "SKU-1", null, 1)));
            SimFixture.until("DO-6 shipped", () -> fx.eventsFor("DO-6").stream().anyMatch(e -> e.kind() == Kind.SHIPPED));
            QimenSimulator.Callback first = fx.sim.callbacks().get(0);
            assertEquals("taobao.qimen.orderprocess.report", first.method());
            assertEquals(3, first.attempts(), "two failures, then accepted");
            assertTrue(first.delivered());
            assertEquals("ACCEPT", fx.eventsFor("DO-6").get(0).status(), "nothing was lost or reordered");
        }
    }

    /** A WMS that names its reports without the taobao.qimen. prefix: every one is taken, none refused. */
    @Test
    void reportsUnderBareMethodNamesAreTaken() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10", "callbackMethodNames", "bare"), true)) {
            fx.connector.createDelivery(order("DO-7", "WH-HZ", "SF7000000000001", new ParcelLine("1", "SKU-1", null, 1)));
            fx.connector.createReturn(new ReturnOrder("RO-7", "WH-HZ", "DO-1", "taobao", "TB7", null, "SF", "SF71",
                    SimFixture.receiver(), null, List.of(new ParcelLine("1", "SKU-1", null, 1))));
            fx.connector.createEntry(new EntryOrder("EO-7", "WH-HZ", EntryOrder.Type.PURCHASE, "SUP", LocalDate.now(),
                    List.of(new ParcelLine("1", "SKU-1", null, 5))));
            SimFixture.until("DO-7 shipped, RO-7 and EO-7 received", () -> fx.eventsFor("DO-7").stream()
                    .anyMatch(e -> e.kind() == Kind.SHIPPED) && fx.eventsFor("RO-7").size() == 1
                    && fx.eventsFor("EO-7").size() == 1);
            assertEquals(List.of("ACCEPT", "PRINT", "PICK", "PACKAGE", "DELIVERED", "DELIVERED"),
                    fx.eventsFor("DO-7").stream().map(WmsEvent::status).toList());
            assertEquals("SF7000000000001", fx.eventsFor("DO-7").get(5).packages().get(0).trackingNo());
            assertEquals(Kind.RETURN_RECEIVED, fx.eventsFor("RO-7").get(0).kind());
            assertEquals(Kind.ENTRY_RECEIVED, fx.eventsFor("EO-7").get(0).kind());
            assertEquals(Set.of("orderprocess.report", "deliveryorder.confirm", "returnorder.confirm",
                    "entryorder.confirm"), fx.sim.callbacks().stream().map(QimenSimulator.Callback::method)
                            .collect(Collectors.toSet()), "sent without the prefix");
            // the simulator marks a report delivered once it has read the ERP's answer, just after the connector took it
            SimFixture.until("every report acknowledged",
                    () -> fx.sim.callbacks().stream().allMatch(QimenSimulator.Callback::delivered));
            assertTrue(fx.refusals.isEmpty(), fx.refusals.toString());
        }
    }

    @Test
    void aReturnIsReceivedWithDamagedLines() {
        try (SimFixture fx = new SimFixture(Map.of(), true)) {
            fx.sim.force("RO-1", QimenSimulator.Scenario.DAMAGED);
            fx.connector.createReturn(new ReturnOrder("RO-1", "WH-SH", "DO-1", "taobao", "TB1", null, "YTO", "YT81",
                    SimFixture.receiver(), null, List.of(new ParcelLine("1", "SKU-1", null, 2))));
            fx.connector.createReturn(new ReturnOrder("RO-2", "WH-SH", "DO-2", "taobao", "TB2", null, null, null, null,
                    null, List.of(new ParcelLine("1", "SKU-1", null, 1))));
            SimFixture.until("both received", () -> fx.eventsFor("RO-1").size() == 1 && fx.eventsFor("RO-2").size() == 1);
            WmsEvent damaged = fx.eventsFor("RO-1").get(0);
            assertEquals(Kind.RETURN_RECEIVED, damaged.kind());
            assertEquals("WH-SH", damaged.warehouse());
            assertEquals(List.of(new ReceivedLine("SKU-1", 2, true)), damaged.received());
            assertEquals(List.of(new ReceivedLine("SKU-1", 1, false)), fx.eventsFor("RO-2").get(0).received());
            assertEquals(1, fx.sim.stock("SH001", "SKU-1").good());
            assertEquals(2, fx.sim.stock("SH001", "SKU-1").defective());
        }
    }

    @Test
    void anEntryIsReceivedAndStockGoesUp() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-9=1"), true)) {
            fx.connector.createEntry(new EntryOrder("EO-1", "WH-HZ", EntryOrder.Type.PURCHASE, "SUP", LocalDate.now(),
                    List.of(new ParcelLine("1", "SKU-9", null, 20))));
            SimFixture.until("EO-1 received", () -> fx.eventsFor("EO-1").size() == 1);
            WmsEvent e = fx.eventsFor("EO-1").get(0);
            assertEquals(Kind.ENTRY_RECEIVED, e.kind());
            assertEquals("FULFILLED", e.status());
            assertEquals(List.of(new ReceivedLine("SKU-9", 20, false)), e.received());
            assertEquals(21, fx.sim.stock("HZ001", "SKU-9").good());
        }
    }
}
