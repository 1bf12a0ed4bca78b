package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.Listing;
import org.ordertower.api.channel.ListingPage;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.api.fulfilment.Carriers;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;

import com.fasterxml.jackson.databind.JsonNode;

/** Logistics companies, listings, stock by listing ids and item messages, against the simulator over HTTP. */
class TaobaoCatalogTest {

    private static List<SimRequest> calls(SimSupport s, String method) {
        return s.sim.calls().stream().filter(c -> method.equals(c.params().get("method"))).toList();
    }

    private static SimOrder paid(SimSupport s) {
        SimOrder o = s.sim.book().create();
        s.sim.book().pay(o.orderId);
        return s.sim.book().get(o.orderId).orElseThrow();
    }

    private static List<Listing> all(TaobaoConnector c, List<String> tokens) {
        List<Listing> out = new ArrayList<>();
        String page = null;
        do {
            ListingPage p = c.listings(page);
            out.addAll(p.listings());
            page = p.next();
            if (page != null) {
                tokens.add(page);
            }
        } while (page != null && tokens.size() < 50);
        return out;
    }

    @Test
    void readsTheLogisticsCompaniesWithTheirTaobaoCodesAndEveryOrderTowerCarrierIsFound() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            assertTrue(c.capabilities().containsAll(Set.of(Capability.CARRIERS, Capability.LISTINGS)));
            List<LogisticsCompany> companies = c.logisticsCompanies();
            SimRequest call = calls(s, TaobaoConstants.LOGISTICS_COMPANIES).get(0);
            assertEquals("id,code,name,reg_mail_no", call.params().get("fields"));
            assertNotNull(call.params().get("session"), "read with the shop's session");

            Map<String, LogisticsCompany> byCode = companies.stream()
                    .collect(Collectors.toMap(LogisticsCompany::shipCode, x -> x, (a, b) -> a, LinkedHashMap::new));
            assertEquals(new LogisticsCompany("SF", "SF", "顺丰速运"), byCode.get("SF"));
            assertEquals(new LogisticsCompany("ZTO", "ZTO", "中通快递"), byCode.get("ZTO"));
            assertEquals(new LogisticsCompany("YTO", "YTO", "圆通速递"), byCode.get("YTO"));
            assertEquals(new LogisticsCompany("STO", "STO", "申通快递"), byCode.get("STO"));
            assertEquals(new LogisticsCompany("YUNDA", "YUNDA", "韵达快递"), byCode.get("YUNDA"));
            assertEquals(new LogisticsCompany("EMS", "EMS", "EMS"), byCode.get("EMS"));
            assertEquals(new LogisticsCompany("DBKD", "DBKD", "德邦快递"), byCode.get("DBKD"));
            assertEquals(new LogisticsCompany("LE04284890", "LE04284890", "京东快递"), byCode.get("LE04284890"));
            assertEquals(s.sim.companyCodes(), List.copyOf(byCode.keySet()), "every company TOP answered, in its order");
            // core matches OrderTower's codes by the platform's code or an exact name: every one must be found
            for (String carrier : Carriers.codes()) {
                assertTrue(companies.stream().anyMatch(x -> carrier.equals(x.code()) || Carriers.names(carrier).contains(x.name())),
                        carrier + " has no Taobao company");
            }
        }
    }

    @Test
    void anEntryWithoutCodeOrNameIsLeftOut() throws Exception {
        JsonNode list = TaobaoClient.JSON.readTree("[{\"id\":505,\"code\":\"SF\",\"name\":\"顺丰速运\"},{\"id\":9,\"code\":\"\","
                + "\"name\":\"无\"},{\"id\":10,\"code\":\"X\"}]");
        assertEquals(List.of(new LogisticsCompany("SF", "SF", "顺丰速运")), new TaobaoCarriers(null).parse(list));
    }

    @Test
    void shipsWithATaobaoCompanyCodeAndTheSimulatorRefusesAnyOtherCode() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            String zto = c.logisticsCompanies().stream().filter(x -> "中通快递".equals(x.name())).findFirst().orElseThrow().shipCode();
            SimOrder a = paid(s);
            SimOrder b = paid(s);

            // TOP's numeric id of 中通 (500) and kuaidi100's code are not company codes
            for (String wrong : List.of("500", "zhongtong", "中通快递")) {
                ChannelException e = assertThrows(ChannelException.class, () -> c.ship(new Shipment(a.orderId, List.of(), wrong, "75312345678901")));
                assertEquals(Kind.PERMANENT, e.kind(), e.getMessage());
                assertEquals("15/isv.logistics-offline-service-error:B56", e.platformCode());
            }
            assertEquals(Optional.empty(), s.sim.carrierCode(a.orderId));
            assertTrue(s.sim.book().get(a.orderId).orElseThrow().lines.stream().allMatch(l -> l.trackingNo == null));

            assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(a.orderId, List.of(), zto, "75312345678901")));
            assertEquals(ShipResult.SHIPPED, c.ship(new Shipment(b.orderId, List.of(), "LE04284890", "JDVA00000000001")));
            assertEquals(Optional.of("ZTO"), s.sim.carrierCode(a.orderId));
            assertEquals(Optional.of("LE04284890"), s.sim.carrierCode(b.orderId));
            assertEquals(List.of(new TaobaoSimulator.Shipment(a.orderId, List.of(), "ZTO", "75312345678901"),
                    new TaobaoSimulator.Shipment(b.orderId, List.of(), "LE04284890", "JDVA00000000001")), s.sim.shipments());
            assertEquals(3, s.counter("ship.unknown-company"));
            assertEquals(2, s.counter("ship.recorded"));
        }
    }

    @Test
    void downloadsTheListingsPageByPageWithTheIdsAndOuterCodesTheTradesCarry() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = new TaobaoConnector(s.settings(), s.tokens, 2);
            List<String> tokens = new ArrayList<>();
            List<Listing> listings = all(c, tokens);

            List<FakeData.Listing> book = s.sim.book().listings();
            Set<String> items = book.stream().map(FakeData.Listing::itemId).collect(Collectors.toSet());
            int pages = (items.size() + 1) / 2;
            assertEquals(pages - 1, tokens.size(), "a token per further page: " + tokens);
            assertEquals(book.size(), listings.size());
            assertEquals(book.stream().map(l -> l.itemId() + "/" + l.skuId() + "/" + l.outerId()).collect(Collectors.toSet()),
                    listings.stream().map(l -> l.itemId() + "/" + l.skuId() + "/" + l.outerCode()).collect(Collectors.toSet()));
            assertTrue(listings.stream().allMatch(l -> Integer.valueOf(100).equals(l.quantity())), "every SKU starts at 100");
            Listing white = listings.stream().filter(l -> "CUP-WHITE".equals(l.outerCode())).findFirst().orElseThrow();
            assertEquals("陶瓷马克杯 颜色分类:白色 350ml", white.title());

            List<SimRequest> onsale = calls(s, TaobaoConstants.ITEMS_ONSALE);
            assertEquals(pages, onsale.size());
            for (int i = 0; i < pages; i++) {
                assertEquals(String.valueOf(i + 1), onsale.get(i).params().get("page_no"));
                assertEquals("2", onsale.get(i).params().get("page_size"));
                assertEquals("list_time:asc", onsale.get(i).params().get("order_by"));
            }
            List<SimRequest> details = calls(s, TaobaoConstants.ITEMS_SELLER_LIST);
            assertEquals(pages, details.size());
            assertTrue(details.stream().allMatch(d -> d.params().get("fields").contains("sku")
                    && d.params().get("num_iids").split(",").length <= 2));

            // every line of the shop's trades is one of the listings, by item id, SKU id and outer code
            Set<String> keys = listings.stream().map(l -> l.itemId() + "/" + l.skuId() + "/" + l.outerCode()).collect(Collectors.toSet());
            for (int i = 0; i < 15; i++) {
                for (SimOrder.Line line : s.sim.book().create().lines) {
                    assertTrue(keys.contains(line.listing.itemId() + "/" + line.listing.skuId() + "/" + line.listing.outerId()));
                }
            }
        }
    }

    @Test
    void aTokenTheConnectorDidNotIssueIsRefusedWithoutACall() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            for (String bad : List.of("", "tbl1.", "tbl1.x.2", "tbl1.0.2", "tbl1.2.201", "tbl1.101.200", "tb1.1.2.3.4", "tbl1.2.2.9")) {
                ChannelException e = assertThrows(ChannelException.class, () -> c.listings(bad), bad);
                assertEquals(Kind.PERMANENT, e.kind());
            }
            assertEquals(List.of(), calls(s, TaobaoConstants.ITEMS_ONSALE));
            assertThrows(IllegalArgumentException.class, () -> new TaobaoConnector(s.settings(), s.tokens, 201));
            // the last page of the full download ends it
            ListingPage one = c.listings("tbl1.1.200");
            assertNull(one.next());
            assertEquals(s.sim.book().listings().size(), one.listings().size());
            assertEquals(List.of(), c.listings("tbl1.2.200").listings(), "past the end: TOP answers an empty page");
        }
    }

    @Test
    void theSimulatorRefusesPagesAndIdListsOutsideTopsLimits() {
        try (SimSupport s = new SimSupport()) {
            TaobaoClient client = new TaobaoClient(s.settings(), s.tokens);
            Map<String, Map<String, String>> bad = new LinkedHashMap<>();
            bad.put("page_size", Map.of("fields", "num_iid", "page_size", "201"));
            bad.put("page_no", Map.of("fields", "num_iid", "page_no", "101", "page_size", "200"));
            bad.put("order_by", Map.of("fields", "num_iid", "order_by", "title:asc"));
            for (Map.Entry<String, Map<String, String>> b : bad.entrySet()) {
                ChannelException e = assertThrows(ChannelException.class, () -> client.call(TaobaoConstants.ITEMS_ONSALE, b.getValue()));
                assertEquals("41/isv.invalid-parameter:" + b.getKey(), e.platformCode());
            }
            ChannelException zero = assertThrows(ChannelException.class,
                    () -> client.call(TaobaoConstants.ITEMS_ONSALE, Map.of("fields", "num_iid", "page_no", "0")));
            assertEquals("41/isv.invalid-parameter:page_no", zero.platformCode());
            ChannelException skus = assertThrows(ChannelException.class,
                    () -> client.call(TaobaoConstants.ITEMS_ONSALE, Map.of("fields", "num_iid,sku")));
            assertEquals("41/isv.invalid-parameter:fields", skus.platformCode(), "onsale.get returns no SKUs");
            String ids = String.join(",", Collections.nCopies(21, s.sim.book().listings().get(0).itemId()));
            ChannelException many = assertThrows(ChannelException.class,
                    () -> client.call(TaobaoConstants.ITEMS_SELLER_LIST, Map.of("fields", "num_iid,sku", "num_iids", ids)));
            assertEquals("41/isv.invalid-parameter:num_iids", many.platformCode());
            JsonNode none = client.call(TaobaoConstants.ITEMS_SELLER_LIST, Map.of("fields", "num_iid,sku", "num_iids", "123"));
            assertTrue(none.path("items").isMissingNode(), "an id the shop does not have is left out without an error");
        }
    }

    @Test
    void setsStockByTheListingsIdsAndTheSimulatorChecksThem() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            List<Listing> listings = c.listings(null).listings();
            Listing tea = listings.stream().filter(l -> "TEA-LJ-250".equals(l.outerCode())).findFirst().orElseThrow();
            Listing blue = listings.stream().filter(l -> "CUP-BLUE".equals(l.outerCode())).findFirst().orElseThrow();

            c.updateStock(new StockUpdate("tea-shop", tea.skuId(), tea.itemId(), tea.outerCode(), "TEA", 7, false, Instant.now()));
            c.updateStock(new StockUpdate("tea-shop", blue.skuId(), blue.itemId(), blue.outerCode(), "CUP-B", 0, false, Instant.now()));
            Map<String, String> sent = calls(s, TaobaoConstants.QUANTITY_UPDATE).get(1).params();
            assertEquals(blue.itemId(), sent.get("num_iid"));
            assertEquals(blue.skuId(), sent.get("sku_id"));
            assertEquals("0", sent.get("quantity"));
            assertEquals(Optional.of(7), s.sim.quantity(tea.itemId(), tea.skuId()));
            assertEquals(Optional.of(0), s.sim.quantity(blue.itemId(), blue.skuId()));
            assertEquals(Optional.empty(), s.sim.quantity(tea.itemId(), blue.skuId()));
            Map<String, Integer> after = c.listings(null).listings().stream()
                    .collect(Collectors.toMap(Listing::skuId, Listing::quantity));
            assertEquals(7, after.get(tea.skuId()));
            assertEquals(0, after.get(blue.skuId()));

            // more than TOP takes (the simulator refuses over 1,000,000, as TOP does): the most it shows
            c.updateStock(new StockUpdate("tea-shop", tea.skuId(), tea.itemId(), tea.outerCode(), "TEA", 2_500_000, false,
                    Instant.now()));
            assertEquals(Optional.of(TaobaoConstants.MAX_QUANTITY), s.sim.quantity(tea.itemId(), tea.skuId()));
            c.updateStock(new StockUpdate("tea-shop", tea.skuId(), tea.itemId(), tea.outerCode(), "TEA", 7, false, Instant.now()));

            // a SKU of another item, an unknown item, an item's own quantity when it has SKUs: refused by TOP
            ChannelException other = assertThrows(ChannelException.class, () -> c.updateStock(
                    new StockUpdate("tea-shop", blue.skuId(), tea.itemId(), null, "X", 1, false, Instant.now())));
            assertEquals("15/isv.item-not-exist", other.platformCode());
            ChannelException unknown = assertThrows(ChannelException.class, () -> c.updateStock(
                    new StockUpdate("tea-shop", "5", "6", null, "X", 1, false, Instant.now())));
            assertEquals("15/isv.item-not-exist", unknown.platformCode());
            ChannelException whole = assertThrows(ChannelException.class, () -> c.updateStock(
                    new StockUpdate("tea-shop", tea.itemId(), tea.itemId(), null, "X", 1, false, Instant.now())));
            assertEquals(Kind.PERMANENT, whole.kind());
            assertFalse(calls(s, TaobaoConstants.QUANTITY_UPDATE).get(6).params().containsKey("sku_id"));
            assertEquals(Optional.of(7), s.sim.quantity(tea.itemId(), tea.skuId()), "nothing changed by the refused calls");
        }
    }

    @Test
    void itemMessagesBecomeListingEventsBesideTheOrderEvents() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            String item = s.sim.book().listings().get(2).itemId();
            s.sim.itemChanged("taobao_item_ItemUpdate", item);
            s.sim.itemChanged("taobao_item_ItemStockChanged", item);
            assertThrows(IllegalArgumentException.class, () -> s.sim.itemChanged("taobao_item_ItemUpdate", "42"));

            List<PushEvent> events = s.connector().consumeMessages(50);
            List<PushEvent> listing = events.stream().filter(e -> e.kind() == PushEvent.Kind.LISTING).toList();
            assertEquals(List.of("taobao_item_ItemUpdate", "taobao_item_ItemStockChanged"), listing.stream().map(PushEvent::topic).toList());
            for (PushEvent e : listing) {
                assertEquals(item, e.platformOrderId(), "num_iid");
                assertEquals("tea-shop", e.shop());
                assertNotNull(e.occurredAt());
                assertNull(e.order());
            }
            List<PushEvent> orders = events.stream().filter(e -> e.kind() == PushEvent.Kind.ORDER).toList();
            assertFalse(orders.isEmpty());
            assertTrue(orders.stream().allMatch(e -> e.platformOrderId().equals(o.orderId) && e.topic().startsWith("taobao_trade_")));
            Set<String> ids = new HashSet<>();
            events.forEach(e -> ids.add(e.messageId()));
            assertEquals(events.size(), ids.size());
        }
    }
}
