package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;

class PddFulfilmentTest {
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
    void shipsThenReportsAlreadyShipped() {
        SimOrder o = paidOrder();
        Shipment s = new Shipment(sn(o), List.of(), "85", "YT7428394857231");
        assertEquals(ShipResult.SHIPPED, c.ship(s));
        SimOrder after = fx.sim.book().get(o.orderId).orElseThrow();
        assertEquals(SimOrder.Status.SHIPPED, after.status);
        assertEquals("YT7428394857231", after.lines.get(0).trackingNo);
        assertEquals("85", after.lines.get(0).carrierCode);
        assertEquals("圆通快递", fx.sim.shipment(sn(o)).orElseThrow().logisticsCompany());
        assertEquals(ShipResult.ALREADY_SHIPPED, c.ship(s));
        assertEquals(1L, fx.sim.counters().get("shipped"));
        assertEquals(1, fx.sim.shipments().size());
        assertEquals(1L, fx.sim.counters().get("shipRefused"));
        // the order is shipped, but with another number: that is not this shipment
        ChannelException other = assertThrows(ChannelException.class,
                () -> c.ship(new Shipment(sn(o), List.of(), "85", "OTHER-1")));
        assertEquals(ChannelException.Kind.PERMANENT, other.kind());
    }

    @Test
    void refusesBadShipments() {
        SimOrder o = paidOrder();
        assertEquals(ChannelException.Kind.PERMANENT,
                assertThrows(ChannelException.class, () -> c.ship(new Shipment(sn(o), List.of(), "YTO", "X1"))).kind());
        ChannelException unknown = assertThrows(ChannelException.class,
                () -> c.ship(new Shipment("240101-999", List.of(), "85", "X1")));
        assertEquals(ChannelException.Kind.PERMANENT, unknown.kind());
        assertEquals("10000", unknown.platformCode());
    }

    @Test
    void stockIsSetBySkuIdOrOuterId() {
        c.updateStock(new StockUpdate("mall-7", "395618321101", "395618321001", "CUP-WHITE", "CUP-W", 17, false,
                Instant.now()));
        c.updateStock(new StockUpdate("mall-7", "CUP-BLUE", "395618321001", "CUP-BLUE", "CUP-B", 0, false, Instant.now()));
        assertEquals(17, fx.sim.quantity("395618321001", "395618321101"));
        assertEquals(0, fx.sim.quantity("395618321001", "395618321102"), "outer_id CUP-BLUE is SKU 395618321102");
        Map<String, String> byOuter = fx.sim.server().calls().stream().map(SimRequest::form)
                .filter(f -> "pdd.goods.quantity.update".equals(f.get("type"))).toList().get(1);
        assertEquals("CUP-BLUE", byOuter.get("outer_id"));
        assertTrue(!byOuter.containsKey("sku_id"));
        assertEquals(2L, fx.sim.counters().get("stockUpdates"));
        assertEquals(ChannelException.Kind.PERMANENT, assertThrows(ChannelException.class, () -> c.updateStock(
                new StockUpdate("mall-7", "395618321101", null, null, "M", 1, false, Instant.now()))).kind());
    }
}
