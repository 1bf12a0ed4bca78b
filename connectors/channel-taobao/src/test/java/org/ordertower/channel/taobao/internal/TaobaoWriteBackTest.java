package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.DecryptRequest;
import org.ordertower.api.channel.Receiver;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;

class TaobaoWriteBackTest {

    private static SimOrder paid(SimSupport s) {
        SimOrder o = s.sim.book().create();
        s.sim.book().pay(o.orderId);
        return s.sim.book().get(o.orderId).orElseThrow();
    }

    @Test
    void shipsThenAnswersAlreadyShipped() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = paid(s);
            TaobaoConnector c = s.connector();
            Shipment parcel = new Shipment(o.orderId, List.of(), "YTO", "YT7300000000001");
            assertEquals(ShipResult.SHIPPED, c.ship(parcel));
            assertEquals(ShipResult.ALREADY_SHIPPED, c.ship(parcel));
            assertEquals(1, s.counter("ship.recorded"));
            assertEquals(2, s.counter("ship.calls"));
            SimOrder after = s.sim.book().get(o.orderId).orElseThrow();
            assertTrue(after.lines.stream().allMatch(l -> "YT7300000000001".equals(l.trackingNo) && "YTO".equals(l.carrierCode)));
            NormalizedOrder mapped = c.map(c.shop(), c.fetch(o.orderId).payload());
            assertEquals("WAIT_BUYER_CONFIRM_GOODS", mapped.platformStatus());
        }
    }

    @Test
    void aPlatformDownOrFlakyAtShipIsATransientFailureThatNeverConsignsTwice() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = paid(s);
            TaobaoConnector c = s.connector();
            Shipment parcel = new Shipment(o.orderId, List.of(), "ZTO", "ZT7300000000001");
            s.sim.faults().outage(true);
            ChannelException down = assertThrows(ChannelException.class, () -> c.ship(parcel));
            assertEquals(Kind.TRANSIENT, down.kind(), "retried by core: " + down.getMessage());
            assertEquals("503", down.platformCode());
            s.sim.faults().outage(false);

            s.sim.faults().failRate(1, "taobao.logistics.offline.send");
            ChannelException flaky = assertThrows(ChannelException.class, () -> c.ship(parcel));
            assertEquals(Kind.TRANSIENT, flaky.kind(), flaky.getMessage());
            assertEquals(0, s.counter("ship.calls"), "no faulted call reached the platform");
            s.sim.faults().failRate(0);

            assertEquals(ShipResult.SHIPPED, c.ship(parcel));
            assertEquals(1, s.counter("ship.recorded"));
            assertEquals(1, s.counter("faults.outage"));
            assertEquals(1, s.counter("faults.injected"));
        }
    }

    @Test
    void shipsPartOfATradeBySubOrder() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o;
            do {
                o = paid(s);
            } while (o.lines.size() < 2 || o.status != SimOrder.Status.PAID);
            TaobaoConnector c = s.connector();
            String first = o.lines.get(0).lineId;
            assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(o.orderId, List.of(first), "SF", "SF100")));
            assertEquals("SELLER_CONSIGNED_PART", c.map(c.shop(), c.fetch(o.orderId).payload()).platformStatus());
            String sent = s.sim.calls().get(s.sim.calls().size() - 2).params().get("sub_tid");
            assertEquals(first, sent);
        }
    }

    @Test
    void aClosedOrUnknownTradeCannotBeShipped() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            s.sim.book().cancel(o.orderId);
            TaobaoConnector c = s.connector();
            ChannelException closed = assertThrows(ChannelException.class, () -> c.ship(new Shipment(o.orderId, List.of(), "YTO", "1")));
            assertEquals(Kind.PERMANENT, closed.kind());
            assertTrue(closed.platformCode().endsWith(":B04"));
            ChannelException unknown = assertThrows(ChannelException.class, () -> c.ship(new Shipment("12345", List.of(), "YTO", "1")));
            assertEquals("15/isv.logistics-offline-service-error:B01", unknown.platformCode());
        }
    }

    @Test
    void stockUpdatesAreRecordedBySkuIdOrOuterCode() {
        try (SimSupport s = new SimSupport()) {
            FakeData.Listing cup = s.sim.book().listings().get(0);
            TaobaoConnector c = s.connector();
            c.updateStock(new StockUpdate("tea-shop", cup.skuId(), cup.itemId(), cup.outerId(), "CUP-W", 17, false, Instant.now()));
            assertEquals(Map.of(cup.skuId(), 17), s.sim.book().stock());
            Map<String, String> sent = s.sim.calls().get(s.sim.calls().size() - 1).params();
            assertEquals(cup.itemId(), sent.get("num_iid"));
            assertEquals(cup.skuId(), sent.get("sku_id"));
            assertEquals(null, sent.get("outer_id"), "sku_id names the SKU; outer_id would only be a second key");
            // an older mapping whose channel SKU is the outer code: TOP finds the SKU by outer_id, the same SKU
            c.updateStock(new StockUpdate("tea-shop", cup.outerId(), cup.itemId(), cup.outerId(), "CUP-W", 5, false, Instant.now()));
            assertEquals(cup.outerId(), s.sim.calls().get(s.sim.calls().size() - 1).params().get("outer_id"));
            assertEquals(Map.of(cup.skuId(), 5), s.sim.book().stock());
            assertEquals(Optional.of(5), s.sim.quantity(cup.itemId(), cup.skuId()));
            assertEquals("1", s.sim.calls().get(s.sim.calls().size() - 1).params().get("type"));
            ChannelException e = assertThrows(ChannelException.class, () -> c.updateStock(
                    new StockUpdate("tea-shop", "1", "999", null, "X", 1, false, Instant.now())));
            assertEquals("15/isv.item-not-exist", e.platformCode());
            assertThrows(ChannelException.class, () -> c.updateStock(
                    new StockUpdate("tea-shop", cup.skuId(), null, null, "X", 1, false, Instant.now())));
        }
    }

    @Test
    void decryptsOneTradesReceiverByItsOaidUntilTheQuotaIsSpent() {
        try (SimSupport s = new SimSupport(Map.of("decryptQuota", "1"))) {
            TaobaoConnector c = s.connector();
            SimOrder a = s.sim.book().create();
            SimOrder b = s.sim.book().create();
            NormalizedOrder na = c.map(c.shop(), c.fetch(a.orderId).payload());
            NormalizedOrder nb = c.map(c.shop(), c.fetch(b.orderId).payload());
            assertFalse(na.buyer().phone().contains(a.receiverPhone.substring(0, 7)), "the trade carries it masked");

            Receiver r = c.decrypt(DecryptRequest.of(na));
            assertEquals(a.receiverName, r.name());
            assertEquals(a.receiverPhone, r.phone());
            assertEquals(new Address("CN", a.address[0], a.address[1], a.address[2], a.address[3], a.address[4],
                    na.address().postcode()), r.address());
            String sent = s.sim.calls().get(s.sim.calls().size() - 1).params().get("query_list");
            assertTrue(sent.contains("\"tid\":\"" + a.orderId + "\"") && sent.contains("\"scene\":\"1004\""), sent);

            ChannelException spent = assertThrows(ChannelException.class, () -> c.decrypt(DecryptRequest.of(nb)));
            assertEquals(Kind.RATE_LIMITED, spent.kind());
            assertTrue(spent.getMessage().contains("quota") && spent.getMessage().contains(b.orderId), spent.getMessage());
            assertFalse(spent.getMessage().contains(b.receiverName), "no plaintext in the message");
        }
    }

    @Test
    void aStaleOrMissingOaidIsRefusedNamingTheTrade() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            SimOrder a = paid(s);
            NormalizedOrder before = c.map(c.shop(), c.fetch(a.orderId).payload());
            assertTrue(s.sim.book().editAddress(a.orderId).isPresent()); // a new address, a new OAID on the trade
            ChannelException stale = assertThrows(ChannelException.class, () -> c.decrypt(DecryptRequest.of(before)));
            assertEquals(Kind.PERMANENT, stale.kind());
            assertTrue(stale.getMessage().contains("pull the trade again"), stale.getMessage());
            NormalizedOrder after = c.map(c.shop(), c.fetch(a.orderId).payload());
            assertEquals(s.sim.book().get(a.orderId).orElseThrow().receiverPhone, c.decrypt(DecryptRequest.of(after)).phone());

            ChannelException untagged = assertThrows(ChannelException.class,
                    () -> c.decrypt(new DecryptRequest(a.orderId, after.buyer(), after.address(), List.of("presale"))));
            assertEquals(Kind.PERMANENT, untagged.kind());
            assertTrue(untagged.getMessage().contains("no OAID tag"), untagged.getMessage());
        }
    }
}
