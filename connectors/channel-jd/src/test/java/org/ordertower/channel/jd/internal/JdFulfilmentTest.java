package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.connector.kit.sim.SimOrder;

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
    void lockedOrderAndBadCarrierAreRefused() {
        try (JdSimFixture f = new JdSimFixture()) {
            SimOrder o = paidOrder(f);
            f.sim.book().requestRefund(o.orderId, null);
            JdConnector c = f.connector();
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "2087", "JDV3"))).kind());
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "SF", "SF1"))).kind());
            assertEquals(null, f.sim.counters().get("shipments"));
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
