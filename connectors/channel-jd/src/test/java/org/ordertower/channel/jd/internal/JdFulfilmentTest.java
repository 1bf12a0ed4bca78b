package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.jd.JdSimulator;
import org.ordertower.sim.kit.SimOrder;

class JdFulfilmentTest {

    private static SimOrder paidOrder(JdSimFixture f) {
        SimOrder o = f.sim.book().create();
        f.sim.book().pay(o.orderId);
        return o;
    }

    @Test
    void shipThenAlreadyShippedRecordedBySimulator() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            JdConnector c = f.connector();
            Shipment s = new Shipment(o.orderId, List.of(), "2087", "JDV000111222333");
            assertEquals(ShipResult.SHIPPED, c.ship(s));
            assertEquals(ShipResult.ALREADY_SHIPPED, c.ship(s));
            assertEquals(1L, f.sim.counters().get("shipments"));
            SimOrder after = f.sim.book().get(o.orderId).orElseThrow();
            assertEquals(SimOrder.Status.SHIPPED, after.status);
            assertEquals("JDV000111222333", after.lines.get(0).trackingNo);
            assertEquals("2087", after.lines.get(0).carrierCode);
            NormalizedOrder mapped = c.map(JdSimFixture.SHOP, c.fetch(o.orderId).payload());
            assertEquals("WAIT_GOODS_RECEIVE_CONFIRM", mapped.platformStatus());
        }
    }

    @Test
    void anotherWaybillOnAShippedOrderIsRefusedNotAlreadyShipped() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            JdConnector c = f.connector();
            c.ship(new Shipment(o.orderId, List.of(), "2087", "JDV1"));
            ChannelException e = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "2087", "JDV2")));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("10400001", e.platformCode());
        }
    }

    @Test
    void aLockedOrderIsTriedAgainLaterAndABadCarrierIsRefused() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            f.sim.book().requestRefund(o.orderId, null);
            JdConnector c = f.connector();
            // held while the buyer's request is open: tried again later, not a dead call
            ChannelException locked = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "2087", "JDV3")));
            assertEquals(Kind.TRANSIENT, locked.kind());
            assertTrue(locked.getMessage().contains("已锁定") && locked.getMessage().contains("tried again"), locked.getMessage());
            assertEquals(java.time.Duration.ofMinutes(2), locked.retryAfter());
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "SF", "SF1"))).kind());
            assertEquals(null, f.sim.counters().get("shipments"));
        }
    }

    @Test
    void shipWithTheCompanyIdFromTheListIsAcceptedAndRecordedWithIt() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            JdConnector c = f.connector();
            String zto = c.logisticsCompanies().stream().filter(x -> x.name().equals("中通速递")).findFirst()
                    .orElseThrow().shipCode();
            assertEquals("1499", zto);
            assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(o.orderId, List.of(), zto, "75312345678901")));
            assertEquals(Optional.of("1499"), f.sim.shippedCarrier(o.orderId));
            assertEquals(List.of(new JdSimulator.Shipped(o.orderId, "1499", "75312345678901")), f.sim.shipments());
            assertEquals("1499", f.sim.book().get(o.orderId).orElseThrow().lines.get(0).carrierCode);
            // the order now reads back with JD's logisticsId and the waybill
            String payload = c.fetch(o.orderId).payload();
            assertTrue(payload.contains("\"logisticsId\":\"1499\""), payload);
        }
    }

    @Test
    void aCompanyIdNotOnTheMerchantsListIsRefusedByJd() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            JdConnector c = f.connector();
            for (String notOnList : List.of("9999", "880002")) {
                ChannelException e = assertThrows(ChannelException.class,
                        () -> c.ship(new Shipment(o.orderId, List.of(), notOnList, "75312345678901")));
                assertEquals(Kind.PERMANENT, e.kind());
                assertEquals("10400002", e.platformCode(), notOnList);
            }
            // OrderTower's own code never reaches JD: the connector refuses it before the call
            int calls = f.sim.server().calls().size();
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "ZTO", "75312345678901"))).kind());
            assertEquals(calls, f.sim.server().calls().size());
            assertEquals(List.of(), f.sim.shipments());
            assertEquals(Optional.empty(), f.sim.shippedCarrier(o.orderId));
        }
    }

    @Test
    void stockUpdateIsRecorded() {
        try (JdSimFixture f = new JdSimFixture()) {
            String sku = f.sim.book().listings().get(0).skuId();
            f.connector().updateStock(new StockUpdate(JdSimFixture.SHOP, sku, null, "CUP-WHITE", "M-CUP", 17, false,
                    Instant.now()));
            assertEquals(Map.of(sku, 17), f.sim.book().stock());
            assertEquals(1L, f.sim.counters().get("stockUpdates"));
            ChannelException unknown = assertThrows(ChannelException.class, () -> f.connector().updateStock(
                    new StockUpdate(JdSimFixture.SHOP, "123", null, null, "M", 1, false, Instant.now())));
            assertEquals(Kind.PERMANENT, unknown.kind());
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class, () -> f.connector().updateStock(
                    new StockUpdate(JdSimFixture.SHOP, "CUP-WHITE", null, null, "M", 1, false, Instant.now()))).kind());
        }
    }
}
