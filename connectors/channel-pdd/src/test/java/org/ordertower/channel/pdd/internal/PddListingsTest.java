package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;

/** Listings through pdd.goods.list.get, and stock pushed to them, against the simulator. */
class PddListingsTest {
    private final SimFixture fx = new SimFixture();

    @AfterEach
    void close() {
        fx.close();
    }

    /** A connector reading {@code pageSize} goods a page. */
    private PddConnector connector(int pageSize) {
        PddSettings s = fx.settings();
        return new PddConnector(new PddSettings(s.gatewayUrl(), s.clientId(), s.clientSecret(), s.shop(), s.accessToken(),
                s.refreshToken(), null, s.tokens(), 1000, 1000, Duration.ofSeconds(10), pageSize, Clock.systemUTC()));
    }

    private static List<Listing> all(PddConnector c, List<ListingPage> pages) {
        List<Listing> all = new ArrayList<>();
        String token = null;
        do {
            ListingPage p = c.listings(token);
            pages.add(p);
            all.addAll(p.listings());
            token = p.next();
            assertTrue(pages.size() < 100, "paging does not end");
        } while (token != null);
        return all;
    }

    @Test
    void downloadsEveryListingAcrossPagesWithTheIdsAndCodesTheOrdersCarry() {
        for (int i = 0; i < 30; i++) {
            fx.sim.book().create();
        }
        PddConnector c = connector(2);
        List<ListingPage> pages = new ArrayList<>();
        List<Listing> listings = all(c, pages);
        // six goods, two a page: three pages, the last one without a next token
        assertEquals(3, pages.size());
        assertNotNull(pages.get(0).next());
        assertNull(pages.get(2).next());
        List<Map<String, String>> calls = fx.sim.server().calls().stream().map(SimRequest::form)
                .filter(f -> "pdd.goods.list.get".equals(f.get("type"))).toList();
        assertEquals(List.of("1", "2", "3"), calls.stream().map(f -> f.get("page")).toList());
        assertTrue(calls.stream().allMatch(f -> "2".equals(f.get("page_size")) && "1".equals(f.get("is_onsale"))));

        assertEquals(7, listings.size());
        assertEquals(listings.size(), new HashSet<>(listings.stream().map(Listing::skuId).toList()).size());
        Set<String> offered = listings.stream().map(l -> l.itemId() + "/" + l.skuId() + "/" + l.outerCode())
                .collect(Collectors.toSet());
        Set<String> ordered = new HashSet<>();
        for (SimOrder o : fx.sim.book().changed(Instant.EPOCH, Instant.now().plusSeconds(60))) {
            for (SimOrder.Line l : o.lines) {
                ordered.add(l.listing.itemId() + "/" + l.listing.skuId() + "/" + l.listing.outerId());
            }
        }
        assertTrue(ordered.size() > 3, "the orders use several SKUs: " + ordered);
        assertTrue(offered.containsAll(ordered), "every ordered SKU is listed: " + ordered + " vs " + offered);
        assertEquals(fx.sim.book().listings().size(), offered.size());

        Listing blue = listings.stream().filter(l -> "CUP-BLUE".equals(l.outerCode())).findFirst().orElseThrow();
        assertEquals("395618321001", blue.itemId());
        assertEquals("395618321102", blue.skuId());
        assertEquals("陶瓷马克杯 蓝色 350ml", blue.title());
        assertEquals(100, blue.quantity());
    }

    @Test
    void refusesTokensItDidNotIssue() {
        PddConnector c = connector(2);
        for (String bad : List.of("garbage", "pddl1:x:2", "pddl1:1:2", "pddl1:2:101", "pdd1:1:2:3:4", "pddl1:2")) {
            ChannelException e = assertThrows(ChannelException.class, () -> c.listings(bad), bad);
            assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        }
        assertEquals(0L, fx.sim.counters().getOrDefault("goodsPages", 0L), "a bad token is refused before any call");
        // a page past the end (goods removed meanwhile) ends the download
        ListingPage past = c.listings(new PddListingToken(9, 2).encode());
        assertTrue(past.listings().isEmpty());
        assertNull(past.next());
    }

    @Test
    void stockSetWithTheListingsIdsIsAcceptedAndShownByTheNextDownload() {
        PddConnector c = connector(100);
        List<Listing> listings = c.listings(null).listings();
        Listing tea = listings.stream().filter(l -> "TEA-LJ-250".equals(l.outerCode())).findFirst().orElseThrow();
        Listing white = listings.stream().filter(l -> "CUP-WHITE".equals(l.outerCode())).findFirst().orElseThrow();
        c.updateStock(new StockUpdate("mall-7", tea.skuId(), tea.itemId(), tea.outerCode(), "TEA", 42, false, Instant.now()));
        c.updateStock(new StockUpdate("mall-7", white.skuId(), white.itemId(), white.outerCode(), "CUP", 0, false,
                Instant.now()));
        assertEquals(42, fx.sim.quantity(tea.itemId(), tea.skuId()));
        assertEquals(0, fx.sim.quantity(white.itemId(), white.skuId()));
        List<Map<String, String>> calls = fx.sim.server().calls().stream().map(SimRequest::form)
                .filter(f -> "pdd.goods.quantity.update".equals(f.get("type"))).toList();
        assertEquals(tea.itemId(), calls.get(0).get("goods_id"));
        assertEquals(tea.skuId(), calls.get(0).get("sku_id"));
        assertEquals("1", calls.get(0).get("update_type"));

        List<Listing> again = c.listings(null).listings();
        assertEquals(42, again.stream().filter(l -> l.skuId().equals(tea.skuId())).findFirst().orElseThrow().quantity());
        assertEquals(0, again.stream().filter(l -> l.skuId().equals(white.skuId())).findFirst().orElseThrow().quantity());

        // a SKU of another goods, or a goods the shop does not have, is refused by PDD
        ChannelException foreign = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate("mall-7",
                white.skuId(), tea.itemId(), null, "CUP", 1, false, Instant.now())));
        assertEquals(ChannelException.Kind.PERMANENT, foreign.kind());
        assertEquals("10000", foreign.platformCode());
        ChannelException unknown = assertThrows(ChannelException.class, () -> c.updateStock(new StockUpdate("mall-7",
                tea.skuId(), "395618321777", null, "TEA", 1, false, Instant.now())));
        assertEquals("10000", unknown.platformCode());
        assertEquals(0, fx.sim.quantity(white.itemId(), white.skuId()));
        assertEquals(2L, fx.sim.counters().get("stockUpdates"));
    }
}
