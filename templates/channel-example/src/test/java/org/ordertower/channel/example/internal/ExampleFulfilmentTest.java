package org.ordertower.channel.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.example.ExampleSimulator;

class ExampleFulfilmentTest {

    @Test
    void shipsOnceAndARepeatIsAlreadyShipped() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            String id = f.sim.book().create().orderId;
            f.sim.book().pay(id);
            ExampleConnector c = f.connector();
            Shipment s = new Shipment(id, List.of(), "ZTO", "ZT7100000001");
            assertEquals(ShipResult.SHIPPED, c.ship(s));
            assertEquals(List.of(new ExampleSimulator.Shipped(id, "ZTO", "ZT7100000001")), f.sim.shipments());
            assertEquals(ShipResult.ALREADY_SHIPPED, c.ship(s));
            assertEquals(1, f.sim.shipments().size());
        }
    }

    @Test
    void unpaidOrUnknownOrdersAreRefused() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            String unpaid = f.sim.book().create().orderId;
            f.sim.book().cancel(unpaid);
            ExampleConnector c = f.connector();
            ChannelException e = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(unpaid, List.of(), "ZTO", "ZT7100000002")));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("40902", e.platformCode());
            e = assertThrows(ChannelException.class, () -> c.ship(new Shipment("42", List.of(), "ZTO", "ZT71000003")));
            assertEquals("40401", e.platformCode());
        }
    }

    @Test
    void setsStockOfASku() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            ExampleConnector c = f.connector();
            c.updateStock(new StockUpdate(ExampleSimFixture.SHOP, "5300101", "5300001", "CUP-WHITE", "CUP-WHITE", 17,
                    false, Instant.now()));
            assertEquals(17, f.sim.stockOf("5300101").orElseThrow());
            ChannelException e = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate(
                    ExampleSimFixture.SHOP, "999", null, null, "X", 1, false, Instant.now())));
            assertEquals("40401", e.platformCode());
            int calls = f.sim.server().calls().size();
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate(
                    ExampleSimFixture.SHOP, "5300101", null, null, "X", -1, false, Instant.now()))).kind());
            assertEquals(calls, f.sim.server().calls().size(), "refused before calling");
        }
    }
}
