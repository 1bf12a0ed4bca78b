package org.ordertower.flows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.ordertower.api.Actor;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.sim.pdd.PddSimulator;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.jdbc.TestDatabases;

/**
 * What the node does where a platform's vocabulary and OrderTower's do not meet, on a Pinduoduo shop with everything
 * real (see {@link EndToEnd}): the platform's logistics company list lacks the carriers routing picks (SF and ZTO are
 * hidden from the runtime), and one listing's outer code (TOWEL-3) is no master SKU (the catalog lacks it). Both gaps
 * are reported, and neither is guessed over: no write-back is made with a carrier the platform does not list, and the
 * unmatched listing gets no mapping, no stock and sends its orders to review.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChannelMappingGapsTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final String CHANNEL = "pdd";
    private static final String UNKNOWN = "TOWEL-3";
    /** PDD's logistics_id of 顺丰快递 and 中通快递, the carriers routing picks here. */
    private static final Set<String> HIDDEN = Set.of("44", "115");
    private EndToEnd e;
    private PddSimulator pdd;
    private String shop;

    @BeforeAll
    void setUp() throws Exception {
        e = new EndToEnd(new EndToEnd.Settings(1200, 100_000, 30, Duration.ofMillis(200), Duration.ofSeconds(2)),
                TestDatabases.pooled("h2", 8), new EndToEnd.Shop(CHANNEL, Set.of(UNKNOWN),
                        c -> HIDDEN.contains(c.shipCode())));
        pdd = ((Marketplace.Pdd) e.market).sim;
        shop = e.shop();
        int listed = e.market.book().listings().size();
        await("the listings download").atMost(DEADLINE).until(() -> e.channels.listings(CHANNEL, shop, false).size() == listed
                && ChannelFlowTest.mappingsOf(e, "CUP-WHITE").size() == 1);
    }

    @AfterAll
    void tearDown() throws Exception {
        e.close();
    }

    @Test
    void aCarrierThePlatformDoesNotListIsReportedAtTheWaybillAndNoWriteBackReachesThePlatform() throws Exception {
        for (String carrier : List.of("SF", "ZTO")) {
            CarrierCode code = e.channels.carrierCode(CHANNEL, shop, carrier);
            assertFalse(code.mapped(), code.toString());
            assertEquals(CarrierCode.MISSING, code.source());
            assertNull(code.shipCode());
        }
        assertEquals("85", e.channels.carrierCode(CHANNEL, shop, "YTO").shipCode(), "the rest of the list is matched");

        SimOrder placed = placeOrder(false);
        String orderSn = e.market.platformOrderId(placed);
        long id = orderId(orderSn);
        ChannelFlowTest.awaitStatus(e, id, OrderStatus.SHIPPED);
        await("a write-back attempt").atMost(DEADLINE).until(() -> e.fulfilment.calls(id).stream()
                .anyMatch(c -> c.startsWith("WRITE_BACK:")));
        ParcelView p = e.fulfilment.parcels(id).get(0);
        assertTrue(Set.of("SF", "ZTO").contains(p.carrier()), p.carrier());

        // reported when the parcel got its waybill, before it shipped and long before the write-back
        List<AuditEntry> timeline = e.f.orders.timeline(id);
        int reported = indexOf(timeline, a -> a.action().equals("carrier-unmapped"));
        int shipped = indexOf(timeline, a -> a.action().equals("status") && "SHIPPED".equals(a.newValue()));
        int waybill = indexOf(timeline, a -> a.action().equals("waybill"));
        assertTrue(reported >= 0 && reported < waybill && waybill < shipped, timeline.toString());
        AuditEntry report = timeline.get(reported);
        assertEquals(p.carrier(), report.newValue());
        assertTrue(report.reason().contains("pdd") && report.reason().contains(p.carrier()), report.reason());
        assertEquals(1, alerts(id, "carrier-unmapped"), "one alert for the parcel");

        // the write-back waits: the platform saw no ship call at all, and the order is shipped nowhere on it
        assertTrue(e.fulfilment.calls(id).stream().noneMatch(c -> c.startsWith("WRITE_BACK:DONE")),
                e.fulfilment.calls(id).toString());
        assertEquals(List.of(), pdd.shipments());
        List<SimRequest> calls = pdd.server().calls();
        assertTrue(calls.stream().anyMatch(c -> "pdd.logistics.companies.get".equals(c.param("type"))), "the list was read");
        assertEquals(0, calls.stream().filter(c -> "pdd.logistics.online.send".equals(c.param("type"))).count());
        assertTrue(pdd.book().get(placed.orderId).orElseThrow().lines.stream().allMatch(l -> l.trackingNo == null));
        assertEquals(List.of(), e.fulfilment.failed(null, 10), "retried, not given up");
    }

    @Test
    void aListingWhoseOuterCodeIsNoMasterSkuIsReportedNeverMappedGetsNoStockAndItsOrdersGoToReview() throws Exception {
        FakeData.Listing towel = e.market.book().listings().stream().filter(l -> l.outerId().equals(UNKNOWN)).findFirst()
                .orElseThrow();
        List<ChannelListing> unmatched = e.channels.listings(CHANNEL, shop, true);
        assertEquals(1, unmatched.size(), unmatched.toString());
        ChannelListing l = unmatched.get(0);
        assertEquals(List.of(towel.itemId(), towel.skuId(), UNKNOWN), List.of(l.itemId(), l.skuId(), l.outerCode()));
        assertNull(l.masterSku());
        assertEquals("no master SKU with code " + UNKNOWN, l.problem());

        // no mapping: not by SKU id, not by outer code
        assertEquals(0, count("SELECT COUNT(*) FROM sku_mapping WHERE channel = ? AND (channel_sku = ? OR outer_code = ?)",
                CHANNEL, towel.skuId(), UNKNOWN));
        MappedLines mapped = e.f.catalog.map(CHANNEL, shop, List.of(PipelineFixture.line("1", UNKNOWN, 1, "59.90"),
                PipelineFixture.line("2", towel.skuId(), 1, "59.90")));
        assertEquals(List.of(UNKNOWN, towel.skuId()), mapped.unmapped());

        // its order goes to review as unmapped, no line of it mapped to anything else
        SimOrder placed = placeOrder(true);
        long id = orderId(e.market.platformOrderId(placed));
        ChannelFlowTest.awaitStatus(e, id, OrderStatus.IN_REVIEW);
        assertTrue(e.f.reasonOf(id, "IN_REVIEW").contains("unmapped SKU " + UNKNOWN), e.f.reasonOf(id, "IN_REVIEW"));
        List<OrderLine> towelLines = e.f.order(id).content().lines().stream().filter(x -> UNKNOWN.equals(x.channelSku()))
                .toList();
        assertFalse(towelLines.isEmpty());
        assertTrue(towelLines.stream().allMatch(x -> x.masterSku() == null), towelLines.toString());
        assertEquals(List.of(), e.fulfilment.parcels(id), "nothing routed");

        // stock is pushed to the matched listings, never to it
        FakeData.Listing cup = e.market.book().listings().stream().filter(x -> x.outerId().equals("CUP-WHITE")).findFirst()
                .orElseThrow();
        e.f.inventory.receive("CUP-WHITE", EndToEnd.WAREHOUSE, 7, "gaps-cup", Actor.user("tester"));
        int sellable = e.f.inventory.view("CUP-WHITE").sellable();
        await("the quantity of CUP-WHITE on pdd").atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> Objects.equals(sellable, e.market.quantity(cup.itemId(), cup.skuId())));
        assertNull(e.market.quantity(towel.itemId(), towel.skuId()));
        assertFalse(pdd.book().stock().containsKey(towel.skuId()), pdd.book().stock().toString());
        assertEquals(0, pdd.server().calls().stream().filter(c -> "pdd.goods.quantity.update".equals(c.param("type")))
                .filter(c -> towel.skuId().equals(c.param("sku_id")) || towel.itemId().equals(c.param("goods_id"))).count());
        assertTrue(pdd.server().calls().stream().anyMatch(c -> "pdd.goods.quantity.update".equals(c.param("type"))
                && cup.skuId().equals(c.param("sku_id"))), "the stock calls are seen by their sku_id");
        assertTrue(e.f.inventory.recentPushes(1000).stream().noneMatch(x -> x.channelSku().equals(towel.skuId())
                || x.channelSku().equals(UNKNOWN)));
    }

    /** A paid order on PDD (no presale, no gift) with a TOWEL-3 line or without one; other orders are closed. */
    private SimOrder placeOrder(boolean withUnknown) {
        while (true) {
            SimOrder o = e.market.book().create();
            boolean unknown = o.lines.stream().anyMatch(l -> l.listing.outerId().equals(UNKNOWN));
            if (o.status == SimOrder.Status.PAID && !o.presale && o.lines.stream().noneMatch(l -> l.listing.gift())
                    && unknown == withUnknown) {
                return o;
            }
            e.market.book().cancel(o.orderId);
        }
    }

    private long orderId(String orderSn) {
        await("order " + orderSn + " taken in").atMost(DEADLINE)
                .until(() -> e.f.orders.findByPlatformId(CHANNEL, shop, orderSn).isPresent());
        return e.f.orders.findByPlatformId(CHANNEL, shop, orderSn).orElseThrow().id();
    }

    private static int indexOf(List<AuditEntry> timeline, java.util.function.Predicate<AuditEntry> p) {
        for (int i = 0; i < timeline.size(); i++) {
            if (p.test(timeline.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The alerts of this kind raised for the order (outbox rows of alert events). */
    private long alerts(long orderId, String kind) throws Exception {
        return count("SELECT COUNT(*) FROM outbox WHERE order_id = ? AND event_type = ? AND payload LIKE ?", orderId,
                org.ordertower.api.AlertEvent.TYPE, "%\"" + kind + "\"%");
    }

    private long count(String sql, Object... args) throws Exception {
        try (Connection c = e.f.dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
