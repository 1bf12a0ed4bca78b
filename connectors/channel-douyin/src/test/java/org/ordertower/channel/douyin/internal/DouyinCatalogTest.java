package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.douyin.DouyinSimulator;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Logistics companies, ship codes, listings and stock by listing ids, over HTTP against the simulator. */
class DouyinCatalogTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static SimOrder paidOrder(SimShop shop) {
        SimOrder o = shop.sim.book().create(Instant.now().minusSeconds(120));
        shop.sim.book().pay(o.orderId);
        return o;
    }

    private static LogisticsCompany byName(List<LogisticsCompany> companies, String name) {
        return companies.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    /** Every listing of the shop, page by page; the pages' sizes in {@code sizes}. */
    private static List<Listing> all(DouyinConnector c, List<Integer> sizes) {
        List<Listing> out = new ArrayList<>();
        String token = null;
        do {
            ListingPage page = c.listings(token);
            sizes.add(page.listings().size());
            out.addAll(page.listings());
            token = page.next();
        } while (token != null && sizes.size() < 50);
        return out;
    }

    @Test
    void theCompanyListIsReadWithTheShopsTokenAndEachOrderTowerCarrierFindsItsCompany() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            assertTrue(c.capabilities().containsAll(Set.of(Capability.CARRIERS, Capability.LISTINGS)));
            List<LogisticsCompany> companies = c.logisticsCompanies();
            assertEquals(1L, shop.sim.counters().get("method.order.logisticsCompanyList"));
            assertEquals(new LogisticsCompany("zhongtong", "zhongtong", "中通快递"), byName(companies, "中通快递"));
            assertEquals("shunfeng", byName(companies, "顺丰速运").shipCode());
            assertEquals("yuantong", byName(companies, "圆通速递").shipCode());
            assertEquals("shentong", byName(companies, "申通快递").shipCode());
            assertEquals(List.copyOf(DouyinSimulator.logisticsCompanies().keySet()),
                    companies.stream().map(LogisticsCompany::shipCode).toList());
            // OrderTower's carriers match by exact name, one company each (中通快运 is not 中通快递)
            for (String carrier : Carriers.codes()) {
                List<LogisticsCompany> hits = companies.stream().filter(x -> Carriers.names(carrier).contains(x.name())).toList();
                assertEquals(1, hits.size(), carrier + " -> " + hits);
            }
        }
    }

    @Test
    void shipTakesOnlyACompanyCodeOfTheListAndTheSimulatorRecordsIt() throws Exception {
        try (SimShop shop = new SimShop()) {
            SimOrder o = paidOrder(shop);
            DouyinConnector c = shop.connector();
            ChannelException refused = assertThrows(ChannelException.class,
                    () -> c.ship(new Shipment(o.orderId, List.of(), "ZTO", "ZT7500000001")));
            assertEquals(Kind.PERMANENT, refused.kind());
            assertEquals("40004:isv.parameter-invalid", refused.platformCode());
            assertTrue(refused.getMessage().contains("ZTO"), refused.getMessage());
            assertEquals(Optional.empty(), shop.sim.shippedWith(o.orderId));
            assertEquals("2", MAPPER.readTree(c.fetch(o.orderId).payload()).path("order_status").asText(), "still to ship");

            String zto = byName(c.logisticsCompanies(), "中通快递").shipCode();
            assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(o.orderId, List.of(), zto, "ZT7500000001")));
            assertEquals(Optional.of("zhongtong"), shop.sim.shippedWith(o.orderId));
            JsonNode parcel = MAPPER.readTree(c.fetch(o.orderId).payload()).path("logistics_info").get(0);
            assertEquals("zhongtong", parcel.path("company").asText());
            assertEquals("中通快递", parcel.path("company_name").asText());
            assertEquals("ZT7500000001", parcel.path("tracking_no").asText());
        }
    }

    @Test
    void listingsComeAcrossSeveralSmallPagesWithTheIdsAndOuterCodesTheOrdersCarry() throws Exception {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = new DouyinConnector(shop.settings().withListingPageSize(2));
            List<Integer> sizes = new ArrayList<>();
            List<Listing> listings = all(c, sizes);
            // six products (one with two SKUs) at two a page
            assertEquals(List.of(3, 2, 2), sizes);
            assertEquals(3L, shop.sim.counters().get("method.product.listV2"));
            assertEquals(6L, shop.sim.counters().get("method.sku.list"));
            Map<String, Listing> bySku = new LinkedHashMap<>();
            listings.forEach(l -> bySku.put(l.skuId(), l));
            assertEquals(listings.size(), bySku.size(), "no SKU twice");
            List<FakeData.Listing> expected = shop.sim.book().listings();
            assertEquals(expected.size(), listings.size());
            for (FakeData.Listing e : expected) {
                Listing l = bySku.get(e.skuId());
                assertEquals(new Listing(e.itemId(), e.skuId(), e.outerId(), e.title(), 100), l);
            }
            // every line of the shop's orders names a listed product, SKU and outer code
            Set<List<String>> listed = new HashSet<>();
            listings.forEach(l -> listed.add(List.of(l.itemId(), l.skuId(), l.outerCode())));
            for (int i = 0; i < 8; i++) {
                SimOrder o = paidOrder(shop);
                for (JsonNode line : MAPPER.readTree(c.fetch(o.orderId).payload()).path("sku_order_list")) {
                    List<String> ids = List.of(line.path("product_id").asText(), line.path("sku_id").asText(),
                            line.path("code").asText());
                    assertTrue(listed.contains(ids), ids + " is listed");
                }
            }
        }
    }

    @Test
    void aPageTokenThisConnectorDidNotIssueIsPermanentAndNeverReachesThePlatform() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            for (String bad : List.of("nope", "dy1:1700000000:0:", "dyl1:0:2", "dyl1:1:101", "dyl1:5001:2", "dyl1:2:0")) {
                ChannelException e = assertThrows(ChannelException.class, () -> c.listings(bad), bad);
                assertEquals(Kind.PERMANENT, e.kind(), bad);
            }
            assertNull(shop.sim.counters().get("method.product.listV2"));
            // what it issues it takes back: six products fit one default page; at two a page the second is page 2
            assertNull(c.listings(null).next());
            String second = new DouyinConnector(shop.settings().withListingPageSize(2)).listings(null).next();
            assertEquals("dyl1:2:2", second);
            assertEquals(2, c.listings(second).listings().size());
        }
    }

    @Test
    void stockIsSetByTheListingsIdsAndShowsInTheNextDownload() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            List<Listing> listings = all(c, new ArrayList<>());
            Listing blue = listings.stream().filter(l -> "CUP-BLUE".equals(l.outerCode())).findFirst().orElseThrow();
            c.updateStock(new StockUpdate("4463798", blue.skuId(), blue.itemId(), blue.outerCode(), "M-CUP-BLUE", 7, false,
                    Instant.now()));
            assertEquals(7, shop.sim.quantityOf(blue.itemId(), blue.skuId()));
            Listing white = listings.stream().filter(l -> "CUP-WHITE".equals(l.outerCode())).findFirst().orElseThrow();
            assertNull(shop.sim.quantityOf(white.itemId(), white.skuId()), "only the SKU asked for");
            Listing again = all(c, new ArrayList<>()).stream().filter(l -> l.skuId().equals(blue.skuId())).findFirst().orElseThrow();
            assertEquals(7, again.quantity());

            // a SKU under another product's id, and an unknown SKU id, are refused by the platform
            Listing tea = listings.stream().filter(l -> "TEA-LJ-250".equals(l.outerCode())).findFirst().orElseThrow();
            ChannelException foreign = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate("4463798",
                    blue.skuId(), tea.itemId(), blue.outerCode(), "M", 1, false, Instant.now())));
            assertEquals(Kind.PERMANENT, foreign.kind());
            assertEquals("50002:isv.business-failed", foreign.platformCode());
            ChannelException unknown = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate("4463798",
                    "3500000000000009999", blue.itemId(), null, "M", 1, false, Instant.now())));
            assertEquals(Kind.PERMANENT, unknown.kind());
            assertEquals(7, shop.sim.quantityOf(blue.itemId(), blue.skuId()), "refused calls change nothing");
        }
    }
}
