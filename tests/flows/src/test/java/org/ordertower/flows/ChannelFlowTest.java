package org.ordertower.flows;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.CarrierCode;
import org.ordertower.api.channel.ChannelListing;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ParcelView;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.jdbc.TestDatabases;

/**
 * One order of each marketplace from the platform to the buyer's door, with every part real (see {@link EndToEnd}),
 * and no catalog mapping saved by hand: the channel runtime downloads the shop's listings through the platform's item
 * API and they make the mappings, and it reads the platform's logistics company list. The order is pulled, screened,
 * reserved, routed, waybilled by Cainiao's simulator, shipped by Qimen's and delivered (Kuaidi100's); its tracking
 * number lands on the platform exactly once, with the platform's own code of the carrier. A stock change then reaches
 * the platform under the platform's item and SKU ids, with the quantity the inventory sells.
 */
class ChannelFlowTest {
    private static final Duration DEADLINE = Duration.ofSeconds(45);
    /** Warehouse: 39 simulated minutes of work in about 2 s; tracking: a 2-3 day journey in about 3 s. */
    private static final EndToEnd.Settings SETTINGS = new EndToEnd.Settings(1200, 100_000, 30, Duration.ofMillis(200),
            Duration.ofSeconds(2));
    /**
     * What each platform's ship call must carry for the carriers routing picks here (ZTO by default, SF for
     * Jiangsu, Zhejiang and Shanghai), written down from the platforms' lists rather than read from the code under
     * test: TOP's company codes; JD's logistics ids (顺丰快递 467, 中通速递 1499, as 360buy.delivery.logistics.get answers
     * them); Douyin's company codes (order.logisticsCompanyList); PDD's logistics_id (顺丰快递 44, 中通快递 115, as
     * pdd.logistics.companies.get answers them).
     */
    private static final Map<String, Map<String, String>> SHIP_CODES = Map.of("taobao", Map.of("SF", "SF", "ZTO", "ZTO"),
            "jd", Map.of("SF", "467", "ZTO", "1499"), "douyin", Map.of("SF", "shunfeng", "ZTO", "zhongtong"), "pdd",
            Map.of("SF", "44", "ZTO", "115"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "taobao", "jd", "douyin", "pdd" })
    void anOrderIsDeliveredThroughTheListingsMappingsWrittenBackOnceWithThePlatformsCarrierAndStockIsPushed(
            String channel) throws Exception {
        try (EndToEnd e = new EndToEnd(SETTINGS, TestDatabases.pooled("h2", 8), EndToEnd.Shop.of(channel))) {
            Marketplace market = e.market;
            String shop = e.shop();

            // the listings came down before any order, and they (not a person) made the catalog mappings
            List<FakeData.Listing> onPlatform = market.book().listings();
            // (the runtime stores the listings, then saves the mappings of the matched ones)
            await("the listings download").atMost(DEADLINE).until(() -> e.channels.listings(channel, shop, false).size()
                    == onPlatform.size() && onPlatform.stream().allMatch(l -> mappingsOf(e, l.outerId()).size() == 1));
            assertEquals(List.of(), e.channels.listings(channel, shop, true), "every listing's outer code is a master SKU");
            for (FakeData.Listing l : onPlatform) {
                ChannelListing kept = listing(e, l.skuId());
                assertEquals(l.itemId(), kept.itemId(), "the platform's item id of SKU " + l.skuId());
                assertEquals(l.outerId(), kept.outerCode());
                assertEquals(l.outerId(), kept.masterSku());
                List<SkuMapping> mappings = mappingsOf(e, l.outerId());
                assertEquals(List.of(new SkuMapping(channel, shop, l.skuId(), l.itemId(), l.outerId(), l.outerId(), 1)),
                        mappings, "the mapping the download made for " + l.outerId());
            }
            for (Map.Entry<String, String> c : SHIP_CODES.get(channel).entrySet()) {
                CarrierCode code = e.channels.carrierCode(channel, shop, c.getKey());
                assertEquals(c.getValue(), code.shipCode(), code.toString());
                assertEquals(CarrierCode.PLATFORM, code.source());
            }

            // an order placed on the platform goes all the way
            SimOrder placed = placePaidOrder(market);
            String platformId = market.platformOrderId(placed);
            await("order " + platformId + " taken in").atMost(DEADLINE)
                    .until(() -> e.f.orders.findByPlatformId(channel, shop, platformId).isPresent());
            long id = e.f.orders.findByPlatformId(channel, shop, platformId).orElseThrow().id();
            awaitStatus(e, id, OrderStatus.DELIVERED);

            List<String> path = e.f.orders.timeline(id).stream().filter(a -> a.action().equals("status"))
                    .map(a -> a.newValue()).toList();
            assertEquals(List.of("SCREENED", "READY", "RESERVED", "ROUTED", "SHIPPED", "DELIVERED"),
                    path.stream().filter(x -> !x.equals("RECEIVED")).toList(), "screened, reserved, routed, shipped");
            Order order = e.f.order(id);
            for (SimOrder.Line sold : placed.lines) {
                OrderLine line = order.content().lines().stream()
                        .filter(l -> l.parentLineNo() == null && sold.listing.outerId().equals(l.channelSku())).findFirst()
                        .orElseThrow(() -> new AssertionError("no line of " + sold.listing.outerId() + " in " + order));
                assertEquals(sold.listing.outerId(), line.masterSku(), "mapped through the listing's mapping");
            }
            List<ParcelView> parcels = e.fulfilment.parcels(id);
            assertEquals(1, parcels.size(), parcels.toString());
            ParcelView p = parcels.get(0);
            assertEquals(ParcelStatus.DELIVERED, p.status());
            String expected = SHIP_CODES.get(channel).get(p.carrier());
            assertNotNull(expected, "routing picked " + p.carrier());

            // the platform has the tracking number once, under its own code of the carrier
            assertEquals(List.of(expected), market.shippedWith(platformId), "the ship calls the platform accepted");
            SimOrder after = market.book().get(placed.orderId).orElseThrow();
            assertTrue(after.lines.stream().allMatch(l -> p.trackingNo().equals(l.trackingNo)
                    && expected.equals(l.carrierCode)), "every line carries the tracking number on the platform");
            assertTrue(e.fulfilment.calls(id).contains("WRITE_BACK:DONE:1"), e.fulfilment.calls(id).toString());
            assertEquals(List.of(), e.fulfilment.failed(null, 10));
            assertEquals(List.of(), e.channels.deadLetters(channel, 10));

            // a stock change reaches the platform under the platform's item and SKU ids
            FakeData.Listing pushed = placed.lines.stream().map(l -> l.listing).filter(l -> !l.outerId().startsWith("KIT-"))
                    .findFirst().orElse(onPlatform.get(0));
            String sku = pushed.outerId();
            e.f.inventory.receive(sku, EndToEnd.WAREHOUSE, 25, "flow-" + channel, Actor.user("tester"));
            int sellable = e.f.inventory.view(sku).sellable();
            try {
                await().atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                        .until(() -> Objects.equals(sellable, market.quantity(pushed.itemId(), pushed.skuId())));
            } catch (ConditionTimeoutException timeout) {
                throw new AssertionError(channel + " never got " + sellable + " of " + sku + " on item " + pushed.itemId()
                        + " SKU " + pushed.skuId() + " (it has " + market.quantity(pushed.itemId(), pushed.skuId())
                        + "); the pushes: " + e.f.inventory.recentPushes(20), timeout);
            }
            assertEquals(sellable, e.f.inventory.view(sku).sellable(), "nothing else moved the stock meanwhile");
            assertTrue(e.f.inventory.check().ok(), "the stock left through the ledger");
        }
    }

    /**
     * Places a paid order of listings the catalog maps as they are (no presale, no platform gift); an order that is
     * not so is closed on the platform at once, so it never ships and every ship call the simulator sees is ours.
     */
    static SimOrder placePaidOrder(Marketplace market) {
        while (true) {
            SimOrder o = market.book().create();
            if (o.status == SimOrder.Status.PAID && !o.presale && o.lines.stream().noneMatch(l -> l.listing.gift())) {
                return o;
            }
            market.book().cancel(o.orderId);
        }
    }

    static void awaitStatus(EndToEnd e, long id, OrderStatus status) {
        await("order " + id + " to " + status).atMost(DEADLINE).pollInterval(Duration.ofMillis(100))
                .until(() -> e.f.order(id).status() == status);
    }

    /** The catalog mappings of a master SKU in the shop of {@code e}. */
    static List<SkuMapping> mappingsOf(EndToEnd e, String masterSku) {
        return e.f.catalog.mappingsOf(masterSku).stream().filter(m -> m.channel().equals(e.channel())
                && m.shop().equals(e.shop())).toList();
    }

    private static ChannelListing listing(EndToEnd e, String skuId) {
        Optional<ChannelListing> l = e.channels.listings(e.channel(), e.shop(), false).stream()
                .filter(x -> x.skuId().equals(skuId)).findFirst();
        assertTrue(l.isPresent(), "no listing of SKU " + skuId + " was downloaded");
        assertNull(l.get().problem());
        return l.get();
    }
}
