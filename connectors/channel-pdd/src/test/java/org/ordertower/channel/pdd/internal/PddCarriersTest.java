package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.pdd.PddSimulator;

/** PDD's logistics company list (pdd.logistics.companies.get) and shipping with its ids, against the simulator. */
class PddCarriersTest {
    private final SimFixture fx = new SimFixture();
    private final PddConnector c = fx.connector();

    @AfterEach
    void close() {
        fx.close();
    }

    private SimOrder paidOrder() {
        SimOrder o = fx.sim.book().create();
        fx.sim.book().pay(o.orderId);
        return fx.sim.book().get(o.orderId).orElseThrow();
    }

    private static String sn(SimOrder o) {
        return java.time.format.DateTimeFormatter.ofPattern("yyMMdd").withZone(PddConstants.CHINA).format(o.created) + "-"
                + o.orderId;
    }

    @Test
    void readsTheAvailableCompaniesWithPddsIdsCodesAndNames() {
        assertTrue(c.capabilities().containsAll(Set.of(Capability.CARRIERS, Capability.LISTINGS)));
        List<LogisticsCompany> list = c.logisticsCompanies();
        Map<String, LogisticsCompany> byId = list.stream()
                .collect(Collectors.toMap(LogisticsCompany::shipCode, l -> l, (a, b) -> a, LinkedHashMap::new));
        assertEquals(list.size(), byId.size(), "ids are unique");
        assertEquals(new LogisticsCompany("44", "SF", "顺丰快递"), byId.get("44"));
        assertEquals(new LogisticsCompany("115", "ZTO", "中通快递"), byId.get("115"));
        assertEquals(new LogisticsCompany("85", "YTO", "圆通快递"), byId.get("85"));
        assertEquals(new LogisticsCompany("1", "STO", "申通快递"), byId.get("1"));
        assertEquals(new LogisticsCompany("121", "YUNDA", "韵达快递"), byId.get("121"));
        assertEquals(new LogisticsCompany("118", "EMS", "邮政EMS"), byId.get("118"));
        assertEquals(new LogisticsCompany("120", "JD", "京东配送"), byId.get("120"));
        assertEquals(new LogisticsCompany("384", "JTKD", "极兔快递"), byId.get("384"));
        assertEquals(new LogisticsCompany("131", "DB", "德邦快递"), byId.get("131"));
        // available 0 on PDD's list: the ship call refuses them, so they are not offered (and a blank code is null)
        for (String retired : List.of("2", "86", "116", "122", "192", "204")) {
            assertFalse(byId.containsKey(retired), retired);
        }
        assertTrue(list.stream().allMatch(l -> l.shipCode().matches("\\d+") && !l.name().isBlank()));
        assertEquals(1L, fx.sim.counters().get("logisticsReads"));
    }

    /** Core's rule (platform code first, else one of the carrier's names, exactly) finds each OrderTower carrier. */
    @Test
    void everyOrderTowerCarrierMatchesOnePddCompany() {
        List<LogisticsCompany> list = c.logisticsCompanies();
        Map<String, String> expected = Map.of("SF", "44", "ZTO", "115", "YTO", "85", "STO", "1", "YUNDA", "121", "EMS",
                "118", "JD", "120", "JTSD", "384", "DBKD", "131");
        assertEquals(Carriers.codes(), expected.keySet());
        for (String carrier : Carriers.codes()) {
            LogisticsCompany hit = list.stream().filter(l -> carrier.equalsIgnoreCase(l.code())).findFirst()
                    .or(() -> list.stream().filter(l -> Carriers.names(carrier).contains(l.name())).findFirst())
                    .orElseThrow(() -> new AssertionError("no PDD company for " + carrier));
            assertEquals(expected.get(carrier), hit.shipCode(), carrier);
        }
    }

    @Test
    void shipsWithAnIdFromTheListAndTheSimulatorRecordsTheCompany() {
        SimOrder o = paidOrder();
        String zto = c.logisticsCompanies().stream().filter(l -> "ZTO".equals(l.code())).findFirst().orElseThrow()
                .shipCode();
        assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(sn(o), List.of(), zto, "75123456789012")));
        PddSimulator.Shipped s = fx.sim.shipment(sn(o)).orElseThrow();
        assertEquals(115L, s.logisticsId());
        assertEquals("中通快递", s.logisticsCompany());
        assertEquals("75123456789012", s.trackingNumber());
        // the order now carries it too (order_info.logistics_id / tracking_number)
        assertEquals("115", fx.sim.book().get(o.orderId).orElseThrow().lines.get(0).carrierCode);
    }

    @Test
    void theSimulatorRefusesIdsThatAreNotOnTheListOrNotAvailable() {
        SimOrder o = paidOrder();
        for (String id : List.of("116", "999999")) { // 全峰快递 (available 0), no such id
            ChannelException e = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(sn(o), List.of(), id, "QF0001")));
            assertEquals(ChannelException.Kind.PERMANENT, e.kind());
            assertEquals("10000", e.platformCode());
            assertTrue(e.getMessage().contains("logistics_id"), e.getMessage());
        }
        assertEquals(2L, fx.sim.counters().get("badLogisticsId"));
        assertTrue(fx.sim.shipment(sn(o)).isEmpty());
        assertNull(fx.sim.book().get(o.orderId).orElseThrow().lines.get(0).trackingNo);
        assertEquals(SimOrder.Status.PAID, fx.sim.book().get(o.orderId).orElseThrow().status);
        // OrderTower's own code never reaches PDD: it is not a logistics_id
        ChannelException own = assertThrows(ChannelException.class, () -> c.ship(new Shipment(sn(o), List.of(), "ZTO", "X")));
        assertEquals(ChannelException.Kind.PERMANENT, own.kind());
        assertEquals(2L, fx.sim.counters().get("badLogisticsId"));
    }
}
