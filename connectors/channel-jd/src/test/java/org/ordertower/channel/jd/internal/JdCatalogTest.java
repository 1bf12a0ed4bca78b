package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;

/** Logistics companies and listings, over HTTP against the simulator. */
class JdCatalogTest {

    @Test
    void logisticsCompaniesAreTheMerchantsListWithJdIds() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = f.connector();
            assertTrue(c.capabilities().containsAll(List.of(Capability.CARRIERS, Capability.LISTINGS)));
            List<LogisticsCompany> companies = c.logisticsCompanies();
            SimRequest call = f.sim.server().calls().get(f.sim.server().calls().size() - 1);
            assertEquals("360buy.delivery.logistics.get", call.param("method"));
            assertEquals("{}", call.param("360buy_param_json"));
            assertTrue(companies.contains(new LogisticsCompany("467", null, "顺丰快递")));
            assertTrue(companies.contains(new LogisticsCompany("1499", null, "中通速递")));
            assertTrue(companies.contains(new LogisticsCompany("463", null, "圆通快递")));
            assertTrue(companies.contains(new LogisticsCompany("470", null, "申通快递")));
            assertTrue(companies.contains(new LogisticsCompany("1327", null, "韵达快递")));
            assertTrue(companies.stream().allMatch(x -> x.shipCode().matches("[1-9]\\d*")),
                    "the merchant's own company (-1000) cannot ship and is left out: " + companies);
            assertEquals(f.sim.logisticsCompanies().size() - 1, companies.size());
            // every OrderTower carrier is found by one of its names, as core matches them
            for (String code : Carriers.codes()) {
                assertTrue(companies.stream().anyMatch(x -> Carriers.names(code).contains(x.name())),
                        code + " has no company on the JD list");
            }
            assertEquals(1L, f.sim.counters().get("logisticsQueries"));
        }
    }

    @Test
    void listingsComeOverSeveralPagesAndCarryTheOrdersSkus() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = new JdConnector(f.settings().withPageSize(2));
            List<Listing> all = new ArrayList<>();
            List<String> tokens = new ArrayList<>();
            String page = null;
            do {
                ListingPage p = c.listings(page);
                assertTrue(p.listings().size() <= 2);
                all.addAll(p.listings());
                page = p.next();
                tokens.add(page);
            } while (page != null);
            List<FakeData.Listing> book = f.sim.book().listings();
            assertEquals(4, tokens.size(), "7 SKUs in pages of 2: " + tokens);
            assertEquals(4L, f.sim.counters().get("skuSearches"));
            assertEquals(book.size(), all.size());
            Map<String, Listing> bySku = all.stream().collect(Collectors.toMap(Listing::skuId, Function.identity()));
            for (FakeData.Listing l : book) {
                Listing got = bySku.get(l.skuId());
                assertEquals(l.itemId(), got.itemId());
                assertEquals(l.outerId(), got.outerCode());
                assertEquals(l.title(), got.title());
                assertEquals(100, got.quantity());
            }
            SimRequest call = f.sim.server().calls().get(f.sim.server().calls().size() - 1);
            assertEquals("{\"field\":\"" + JdConstants.SKU_FIELDS + "\",\"pageNo\":4,\"page_size\":2,"
                    + "\"skuStatuValue\":[1]}", call.param("360buy_param_json"));

            // every line of a simulated order is a downloaded listing with the same ware and outer code
            SimOrder o = f.sim.book().create();
            f.sim.book().pay(o.orderId);
            NormalizedOrder mapped = c.map(JdSimFixture.SHOP, c.fetch(o.orderId).payload());
            for (SimOrder.Line line : o.lines) {
                Listing got = bySku.get(line.listing.skuId());
                assertEquals(line.listing.itemId(), got.itemId());
                assertEquals(line.listing.outerId(), got.outerCode());
            }
            assertTrue(mapped.lines().stream().allMatch(l -> all.stream().anyMatch(x -> l.channelSku().equals(
                    x.outerCode()))), "the order's SKU codes are the listings' outer codes");
        }
    }

    @Test
    void aPageTokenNotIssuedByTheConnectorIsRefusedWithoutACall() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = f.connector();
            for (String bad : List.of("garbage", "jd1.1.2.3.4", "jdsku1.1.50", "jdsku1.2.51", "jdsku1.2", "jdsku1.x.2")) {
                ChannelException e = assertThrows(ChannelException.class, () -> c.listings(bad), bad);
                assertEquals(Kind.PERMANENT, e.kind(), bad);
            }
            assertNull(f.sim.counters().get("skuSearches"));
        }
    }

    @Test
    void aTokenPastTheLastPageGivesAnEmptyLastPage() {
        try (JdSimFixture f = new JdSimFixture()) {
            ListingPage p = f.connector().listings("jdsku1.9.2");
            assertEquals(List.of(), p.listings());
            assertNull(p.next());
        }
    }

    @Test
    void aSkuSearchRefusalIsPermanentWithJdsCodeAndDescription() {
        try (JdSimFixture f = new JdSimFixture()) {
            ChannelException e = assertThrows(ChannelException.class, () -> new JdClient(f.settings())
                    .call(JdConstants.SKU_SEARCH, Map.of("pageNo", 1, "page_size", 51)));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("10100003", e.platformCode());
            assertTrue(e.getMessage().contains("page_size"), e.getMessage());
        }
    }

    @Test
    void stockUpdateWithTheListingsIdsIsAcceptedAndShown() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = f.connector();
            List<Listing> listings = c.listings(null).listings();
            Listing blue = listings.stream().filter(l -> "CUP-BLUE".equals(l.outerCode())).findFirst().orElseThrow();
            c.updateStock(new StockUpdate(JdSimFixture.SHOP, blue.skuId(), blue.itemId(), blue.outerCode(), "M-CUP-B", 7,
                    false, Instant.now()));
            assertEquals(Optional.of(7), f.sim.stockOf(blue.skuId()));
            assertEquals(Optional.empty(), f.sim.stockOf(blue.itemId()));
            Listing after = c.listings(null).listings().stream().filter(l -> l.skuId().equals(blue.skuId())).findFirst()
                    .orElseThrow();
            assertEquals(7, after.quantity());
            // the ware id is no SKU: JD refuses it
            ChannelException e = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate(
                    JdSimFixture.SHOP, blue.itemId(), blue.itemId(), null, "M-CUP-B", 7, false, Instant.now())));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals(1L, f.sim.counters().get("stockUpdates"));
        }
    }
}
