package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.wms.qimen.internal.SimFixture.order;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.WmsStock;
import org.ordertower.connector.kit.Xml;
import org.ordertower.sim.kit.SimRequest;
import org.w3c.dom.Element;

/** The ERP-to-WMS calls against the simulator over HTTP. */
class QimenConnectorTest {

    private static Element body(SimRequest call) throws Xml.XmlException {
        return Xml.parse(call.body());
    }

    @Test
    void createsADeliveryWithTheStandardsFields() throws Exception {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10"))) {
            fx.sim.pause();
            DeliveryAck ack = fx.connector.createDelivery(order("DO-100", "WH-HZ", "SF1234567890123",
                    new ParcelLine("1", "SKU-1", "杯子", 2)));
            assertEquals("DO-100", ack.code());
            assertFalse(ack.repeated());
            assertEquals(fx.sim.delivery("DO-100").orElseThrow().id(), ack.wmsOrderId());
            SimRequest call = fx.sim.calls("taobao.qimen.deliveryorder.create").get(0);
            assertEquals(fx.sim.customerId(), call.query().get("customerId"));
            assertEquals("2.0", call.query().get("v"));
            assertEquals("xml", call.query().get("format"));
            assertTrue(call.query().get("timestamp").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
            Element order = Xml.child(body(call), "deliveryOrder");
            assertEquals("JYCK", Xml.text(order, "orderType"));
            assertEquals("HZ001", Xml.text(order, "warehouseCode"), "the OrderTower id is mapped to the WMS code");
            assertEquals("TB", Xml.text(order, "sourcePlatformCode"));
            assertEquals("SF", Xml.text(order, "logisticsCode"));
            assertEquals("SF1234567890123", Xml.text(order, "expressCode"));
            assertEquals("ot-shop", Xml.text(order, "shopNick"));
            assertEquals("请尽快发货", Xml.text(order, "buyerMessage"));
            Element receiver = Xml.child(order, "receiverInfo");
            assertEquals("西湖区", Xml.text(receiver, "area"));
            assertEquals("100号3幢201", Xml.text(receiver, "detailAddress"));
            Element line = Xml.child(Xml.child(body(call), "orderLines"), "orderLine");
            assertEquals(fx.sim.ownerCode(), Xml.text(line, "ownerCode"));
            assertEquals("SKU-1", Xml.text(line, "itemCode"));
            assertEquals("2", Xml.text(line, "planQty"));
            assertEquals("ZP", Xml.text(line, "inventoryType"));
        }
    }

    @Test
    void aRepeatedCreateAnswersTheExistingOrder() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            fx.sim.pause();
            DeliveryAck first = fx.connector.createDelivery(order("DO-200", "WH-SH", null, new ParcelLine("1", "A", null, 1)));
            DeliveryAck again = fx.connector.createDelivery(order("DO-200", "WH-SH", null, new ParcelLine("1", "A", null, 1)));
            assertFalse(first.repeated());
            assertTrue(again.repeated());
            assertEquals(first.wmsOrderId(), again.wmsOrderId());
            assertEquals(1, fx.sim.deliveries().size());
        }
    }

    @Test
    void cancelsBeforePackingAndUnlocksTheUnits() {
        // 60 simulated seconds a second: accepted after about a second, printed five seconds later
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10", "timeScale", "60"))) {
            fx.connector.createDelivery(order("DO-300", "WH-HZ", null, new ParcelLine("1", "SKU-1", null, 3)));
            SimFixture.until("DO-300 is accepted", () -> !fx.sim.delivery("DO-300").orElseThrow().state().equals("NEW"));
            fx.sim.pause();
            assertEquals(3, fx.sim.stock("HZ001", "SKU-1").locked());
            assertEquals(CancelResult.CANCELLED, fx.connector.cancelDelivery("DO-300", "WH-HZ"));
            assertEquals("CANCELED", fx.sim.delivery("DO-300").orElseThrow().state());
            assertEquals(new QimenSimulatorStock(10, 0, 0), QimenSimulatorStock.of(fx.sim.stock("HZ001", "SKU-1")));
            assertEquals(CancelResult.CANCELLED, fx.connector.cancelDelivery("DO-300", "WH-HZ"), "twice is harmless");
            assertEquals(CancelResult.NOT_FOUND, fx.connector.cancelDelivery("DO-NONE", "WH-HZ"));
            assertEquals(CancelResult.NOT_FOUND, fx.connector.cancelDelivery("DO-300", "WH-SH"), "another warehouse's");
        }
    }

    @Test
    void aCancelAfterPackingIsAlreadyShipped() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-1=10"))) {
            fx.connector.createDelivery(order("DO-301", "WH-HZ", null, new ParcelLine("1", "SKU-1", null, 1)));
            SimFixture.until("DO-301 is packed", () -> List.of("PACKAGE", "DELIVERED")
                    .contains(fx.sim.delivery("DO-301").orElseThrow().state()));
            assertEquals(CancelResult.ALREADY_SHIPPED, fx.connector.cancelDelivery("DO-301", "WH-HZ"));
            SimFixture.until("DO-301 ships anyway", () -> fx.sim.delivery("DO-301").orElseThrow().state().equals("DELIVERED"));
            assertEquals(9, fx.sim.stock("HZ001", "SKU-1").good());
        }
    }

    /** The simulator's counts as a value, for one assertion. */
    private record QimenSimulatorStock(int good, int defective, int locked) {
        static QimenSimulatorStock of(org.ordertower.sim.qimen.QimenSimulator.StockView v) {
            return new QimenSimulatorStock(v.good(), v.defective(), v.locked());
        }
    }

    @Test
    void createsAReturnAndAnEntry() throws Exception {
        try (SimFixture fx = new SimFixture(Map.of())) {
            fx.sim.pause();
            ReturnOrder r = new ReturnOrder("RO-1", "WH-SH", "DO-9", "pdd", "240101-123", "RF-1", "YTO", "YT8000001",
                    SimFixture.receiver(), "尺码不合适", List.of(new ParcelLine("1", "SKU-7", null, 1)));
            DeliveryAck ack = fx.connector.createReturn(r);
            assertTrue(ack.wmsOrderId().startsWith("RT"));
            assertTrue(fx.connector.createReturn(r).repeated());
            Element ret = Xml.child(body(fx.sim.calls("taobao.qimen.returnorder.create").get(0)), "returnOrder");
            assertEquals("THRK", Xml.text(ret, "orderType"));
            assertEquals("DO-9", Xml.text(ret, "preDeliveryOrderCode"));
            assertEquals("YT8000001", Xml.text(ret, "expressCode"));
            assertEquals("PDD", Xml.text(ret, "sourcePlatformCode"));

            for (EntryOrder.Type type : EntryOrder.Type.values()) {
                EntryOrder e = new EntryOrder("EO-" + type, "WH-HZ", type, "SUP-1", LocalDate.of(2030, 1, 2),
                        List.of(new ParcelLine("1", "SKU-9", null, 12)));
                assertTrue(fx.connector.createEntry(e).wmsOrderId().startsWith("RK"));
            }
            Map<String, String> types = fx.sim.calls("taobao.qimen.entryorder.create").stream().map(c -> {
                try {
                    Element e = Xml.child(body(c), "entryOrder");
                    return Map.entry(Xml.text(e, "entryOrderCode"), Xml.text(e, "orderType"));
                } catch (Xml.XmlException x) {
                    throw new AssertionError(x);
                }
            }).collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            assertEquals(Map.of("EO-PURCHASE", "CGRK", "EO-TRANSFER", "DBRK", "EO-OTHER", "QTRK"), types);
        }
    }

    @Test
    void pagesTheWholeWarehouseAndAsksForNamedSkusByCriteria() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            for (int i = 1; i <= 5; i++) {
                fx.sim.seedStock("HZ001", "SKU-" + i, 10 * i, i == 2 ? 3 : 0);
            }
            fx.sim.seedStock("SH001", "SKU-1", 99, 0);
            // 5 ZP rows + 1 CC row in HZ001, 2 rows a page: 3 pages
            QimenConnector small = new QimenConnector(fx.settings.with("md5", 2));
            Map<String, WmsStock> all = small.stock("WH-HZ", List.of()).stream()
                    .collect(Collectors.toMap(WmsStock::sku, Function.identity()));
            assertEquals(5, all.size());
            assertEquals(new WmsStock("WH-HZ", "SKU-2", 20, 3, 0), all.get("SKU-2"));
            assertEquals(new WmsStock("WH-HZ", "SKU-5", 50, 0, 0), all.get("SKU-5"));
            List<SimRequest> pages = fx.sim.calls("taobao.qimen.stock.query");
            assertEquals(3, pages.size());

            List<WmsStock> named = fx.connector.stock("WH-SH", List.of("SKU-1", "SKU-404"));
            assertEquals(List.of(new WmsStock("WH-SH", "SKU-1", 99, 0, 0), new WmsStock("WH-SH", "SKU-404", 0, 0, 0)), named);
            assertEquals(1, fx.sim.calls("taobao.qimen.inventory.query").size());
        }
    }

    @Test
    void lockedUnitsAreCountedAsLockedAndStillOnHand() {
        try (SimFixture fx = new SimFixture(Map.of("stock", "SKU-L=5", "timeScale", "60"))) {
            fx.connector.createDelivery(order("DO-L", "WH-HZ", null, new ParcelLine("1", "SKU-L", null, 2)));
            SimFixture.until("DO-L is accepted", () -> !fx.sim.delivery("DO-L").orElseThrow().state().equals("NEW"));
            fx.sim.pause();
            assertEquals(List.of(new WmsStock("WH-HZ", "SKU-L", 5, 0, 2)), fx.connector.stock("WH-HZ", List.of("SKU-L")));
            assertEquals(List.of(new WmsStock("WH-HZ", "SKU-L", 5, 0, 2)), fx.connector.stock("WH-HZ", List.of()));
        }
    }

    @Test
    void aWrongSecretIsAuthWithQimensCode() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            QimenConnector c = new QimenConnector(fx.settings.with(Clock.systemUTC(), "not-the-secret",
                    fx.sim.customerId(), 100));
            PartnerException e = assertThrows(PartnerException.class, () -> c.stock("WH-HZ", List.of("A")));
            assertEquals(PartnerException.Kind.AUTH, e.kind());
            assertEquals("sign-check-failure", e.partnerCode());
            assertFalse(e.getMessage().contains("not-the-secret"), "no secret in messages");
            assertEquals(1L, fx.sim.counters().get("badSignatures"));
        }
    }

    @Test
    void hmacSigningIsAcceptedToo() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            QimenConnector c = new QimenConnector(fx.settings.with("hmac", 100));
            assertEquals(List.of(new WmsStock("WH-HZ", "A", 0, 0, 0)), c.stock("WH-HZ", List.of("A")));
            assertEquals("hmac", fx.sim.calls().get(0).query().get("sign_method"));
        }
    }

    @Test
    void anUnknownCustomerIsAuth() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            QimenConnector c = new QimenConnector(fx.settings.with(Clock.systemUTC(), fx.sim.appSecret(), "someone-else",
                    100));
            PartnerException e = assertThrows(PartnerException.class, () -> c.stock("WH-HZ", List.of("A")));
            assertEquals(PartnerException.Kind.AUTH, e.kind());
            assertEquals("invalid-customerId", e.partnerCode());
        }
    }

    @Test
    void aStaleTimestampIsRefusedNamingTheClock() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-11));
            QimenConnector c = new QimenConnector(fx.settings.with(behind, fx.sim.appSecret(), fx.sim.customerId(), 100));
            PartnerException e = assertThrows(PartnerException.class, () -> c.stock("WH-HZ", List.of("A")));
            assertEquals(PartnerException.Kind.AUTH, e.kind());
            assertEquals("invalid-timestamp", e.partnerCode());
            assertTrue(e.getMessage().contains("clock"), e.getMessage());
        }
    }

    @Test
    void overTheWmssRateIsRateLimited() {
        try (SimFixture fx = new SimFixture(Map.of("ratePerSecond", "2"))) {
            PartnerException e = assertThrows(PartnerException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    fx.connector.stock("WH-HZ", List.of("A"));
                }
            });
            assertEquals(PartnerException.Kind.RATE_LIMITED, e.kind());
            assertEquals("app-call-limited", e.partnerCode());
            assertNotNull(e.retryAfter());
            assertTrue(e.retryable());
        }
    }

    @Test
    void theConnectorsOwnLimiterKeepsItUnderTheRate() {
        try (SimFixture fx = new SimFixture(Map.of("ratePerSecond", "5"))) {
            QimenConnector c = new QimenConnector(fx.settings.with(Clock.systemUTC(), fx.sim.appSecret(),
                    fx.sim.customerId(), 4));
            for (int i = 0; i < 10; i++) {
                c.stock("WH-HZ", List.of("A"));
            }
            assertEquals(0L, fx.sim.counters().getOrDefault("rateLimited", 0L));
        }
    }

    @Test
    void aWarehouseOfAnotherAccountIsRefusedWithoutACall() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            PartnerException e = assertThrows(PartnerException.class, () -> fx.connector
                    .createDelivery(order("DO-X", "WH-BJ", null, new ParcelLine("1", "A", null, 1))));
            assertEquals(PartnerException.Kind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains("WH-BJ"), e.getMessage());
            assertTrue(fx.sim.calls().isEmpty());
        }
    }

    @Test
    void theWmsRefusalOfAMissingFieldIsPermanentAndNamesIt() {
        try (SimFixture fx = new SimFixture(Map.of())) {
            var o = order("DO-NS", "WH-HZ", null, new ParcelLine("1", "A", null, 1));
            var noSender = new org.ordertower.api.fulfilment.DeliveryOrder(o.code(), o.warehouse(), o.channel(), o.shop(),
                    o.platformOrderId(), o.carrierCode(), null, null, o.receiver(), null, o.placedAt(), o.paidAt(), null,
                    o.lines());
            PartnerException e = assertThrows(PartnerException.class, () -> fx.connector.createDelivery(noSender));
            assertEquals(PartnerException.Kind.PERMANENT, e.kind());
            assertEquals("missing-parameter", e.partnerCode());
            assertTrue(e.getMessage().contains("deliveryOrder.senderInfo"), e.getMessage());
            assertFalse(e.getMessage().contains("13800138000"), "no buyer data in messages");
        }
    }

    @Test
    void anUnreachableWmsIsTransient() {
        QimenSettings s = QimenSettings.of("http://127.0.0.1:9/router/qimen/service", "k", "s", "c", java.util.Set.of("W"));
        PartnerException e = assertThrows(PartnerException.class, () -> new QimenConnector(s).stock("W", List.of("A")));
        assertEquals(PartnerException.Kind.TRANSIENT, e.kind());
    }
}
