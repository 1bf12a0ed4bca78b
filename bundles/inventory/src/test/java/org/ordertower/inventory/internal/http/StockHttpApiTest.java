package org.ordertower.inventory.internal.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Access;
import org.ordertower.api.Actor;
import org.ordertower.api.Caller;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.Movement;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.inventory.internal.catalog.DefaultCatalogService;
import org.ordertower.inventory.internal.push.RecordingUpdater;
import org.ordertower.inventory.internal.push.StockPusher;
import org.ordertower.inventory.internal.stock.DefaultInventoryService;
import org.ordertower.inventory.internal.store.InventorySchema;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The core's stock and catalog REST interface over the real inventory and catalog, on H2 and
 * PostgreSQL. It lives here because the core cannot depend on the inventory. Every answer is
 * checked against what the services say; every bad request gets the status that names its fault
 * and changes neither stock, ledger nor catalog.
 */
class StockHttpApiTest {
    private static final Actor OPS = Actor.user("ops");
    private static final Caller CLERK = new Caller("clerk", Set.of(Access.OPERATOR, Access.VIEWER));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SKU_HEADER = "code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,"
            + "low_stock_threshold,presale_threshold,presale_quota\n";
    private static final String TWO_NEW_SKUS = SKU_HEADER + "N1,New one,,5,0,,false,,0,0,0\nN2,New two,,6,0,,false,,0,0,0\n";

    /** A migrated database with the inventory and catalog on it, and the HTTP interface over them. */
    private static final class Setup implements AutoCloseable {
        final BasicDataSource pool;
        final StockPusher pusher;
        final DefaultInventoryService inventory;
        final DefaultCatalogService catalog;
        final StockHttpApi api;

        Setup(String kind) throws Exception {
            pool = TestDatabases.pooled(kind, 4);
            InventorySchema.migrator(pool).migrate();
            Database db = new Database(pool);
            pusher = new StockPusher(db, Clock.systemUTC(), new StockPusher.Options(20, 4, 50, Duration.ofHours(6), 1_000));
            inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, 2, 512, 100_000, 30_000);
            catalog = new DefaultCatalogService(db, Clock.systemUTC());
            api = new StockHttpApi(() -> Optional.of(inventory), () -> Optional.of(catalog), new OrderJson());
            catalog.saveSku(Sku.plain("A", "Tea cup", new BigDecimal("19.90")));
            catalog.saveSku(Sku.plain("B", "Teapot", new BigDecimal("59.00")));
            catalog.saveSku(new Sku("KIT", "Tea set", null, new BigDecimal("89.00"), 1200, Map.of(), false,
                    List.of(new KitPart("A", 2), new KitPart("B", 1)), 0, 0, 0));
            inventory.saveWarehouse(new Warehouse("HZ", "Hangzhou", "Zhejiang/Hangzhou", 30.27, 120.15, Warehouse.Type.OWN, 1));
            inventory.saveWarehouse(new Warehouse("SH", "Shanghai", "Shanghai", 31.23, 121.47, Warehouse.Type.THIRD_PARTY, 2));
        }

        HttpReply get(String path) {
            return get(path, Map.of());
        }

        HttpReply get(String path, Map<String, String> query) {
            return api.handle(CLERK, "GET", path, query, null, null);
        }

        HttpReply post(String path, String json) {
            return api.handle(CLERK, "POST", path, Map.of(), "application/json", json);
        }

        HttpReply postCsv(String table, boolean dryRun, String csv) {
            return api.handle(CLERK, "POST", "/api/v1/catalog/" + table, Map.of("dryRun", String.valueOf(dryRun)),
                    "text/csv; charset=utf-8", csv);
        }

        String export(CatalogTable table) {
            StringWriter out = new StringWriter();
            catalog.exportCsv(table, out);
            return out.toString();
        }

        StockRow row(String sku, String warehouse) {
            return inventory.view(sku).rows().stream().filter(r -> r.warehouse().equals(warehouse)).findFirst().orElseThrow();
        }

        @Override
        public void close() throws Exception {
            inventory.close();
            pusher.close();
            pool.close();
        }
    }

    private static JsonNode answer(HttpReply r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        return MAPPER.readTree(r.body());
    }

    private static void assertBad(HttpReply r, int status, String message) throws Exception {
        String error = answer(r, status).path("error").asText();
        assertTrue(error.contains(message), "expected '" + message + "' in " + r.body());
    }

    private static String receive(String warehouse, String quantity, String reference) {
        return "{\"warehouse\":" + warehouse + ",\"quantity\":" + quantity + ",\"reference\":" + reference + "}";
    }

    private static String adjust(String warehouse, String delta, String reason) {
        return "{\"warehouse\":" + warehouse + ",\"delta\":" + delta + ",\"reason\":" + reason + "}";
    }

    private static void assertRow(StockRow expected, JsonNode row) {
        assertEquals(expected.sku(), row.get("sku").asText());
        assertEquals(expected.warehouse(), row.get("warehouse").asText());
        assertEquals(expected.onHand(), row.get("onHand").asInt(), "on hand");
        assertEquals(expected.reserved(), row.get("reserved").asInt(), "reserved");
        assertEquals(expected.safety(), row.get("safety").asInt(), "safety");
        assertEquals(expected.quarantine(), row.get("quarantine").asInt(), "quarantine");
        assertEquals(expected.sellable(), row.get("sellable").asInt(), "sellable");
    }

    private static void reserve(Setup s, String reference, String sku, int quantity) {
        s.inventory.reserve(new ReservationRequest(reference, "jd", List.of(new StockItem(sku, quantity)), List.of("HZ")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theStockOfASkuShowsEveryWarehouseWhatIsInTransitAndWhatEachChannelIsOffered(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            s.inventory.receive("A", "SH", 5, "po-2", OPS);
            s.inventory.receive("B", "HZ", 4, "po-3", OPS);
            s.inventory.setSafety("A", "SH", 2, OPS);
            reserve(s, "order-1", "A", 3);
            s.inventory.returnGoods("A", "HZ", 1, true, "rma-1", OPS);
            s.inventory.addInTransit("A", "SH", 4, InTransit.Kind.INBOUND, LocalDate.of(2026, 1, 2), "po-9");
            s.catalog.saveMapping(new SkuMapping("jd", "shop1", "jd-a", null, null, "A", 1));

            JsonNode v = answer(s.get("/api/v1/stock/A"), 200);
            StockView expected = s.inventory.view("A");
            assertEquals("A", v.get("sku").asText());
            assertEquals(2, v.get("rows").size());
            assertRow(new StockRow("A", "HZ", 10, 3, 0, 1), v.get("rows").get(0));
            assertRow(new StockRow("A", "SH", 5, 0, 2, 0), v.get("rows").get(1));
            for (int i = 0; i < expected.rows().size(); i++) {
                assertRow(expected.rows().get(i), v.get("rows").get(i));
            }
            assertEquals(10, v.get("sellable").asInt());
            assertEquals(expected.sellable(), v.get("sellable").asInt());
            JsonNode transit = v.get("inTransit").get(0);
            assertEquals("SH", transit.get("warehouse").asText());
            assertEquals(4, transit.get("quantity").asInt());
            assertEquals("INBOUND", transit.get("kind").asText());
            assertEquals("2026-01-02", transit.get("expected").asText(), "a date, not numbers");
            assertEquals("po-9", transit.get("reference").asText());
            assertTrue(expected.perChannel().containsKey("jd"), expected.perChannel().toString());
            assertEquals(expected.perChannel(), MAPPER.convertValue(v.get("perChannel"), Map.class));
            assertFalse(v.get("presale").asBoolean());

            JsonNode kit = answer(s.get("/api/v1/stock/KIT"), 200);
            assertEquals(4, kit.get("sellable").asInt(), "min(10 A / 2, 4 B / 1)");
            assertEquals(s.inventory.view("KIT").sellable(), kit.get("sellable").asInt());

            assertBad(s.get("/api/v1/stock/NOPE"), 404, "unknown SKU 'NOPE'");
            s.catalog.saveSku(Sku.plain("杯子", "Cup", BigDecimal.ONE));
            assertEquals("杯子", answer(s.get("/api/v1/stock/%E6%9D%AF%E5%AD%90"), 200).get("sku").asText(),
                    "SKU codes in the path are percent-decoded");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theBoardPagesThroughTheCatalogAndThePresaleSwitchIsSavedOrRefusedWithItsReason(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            s.inventory.receive("B", "HZ", 1, "po-2", OPS);
            s.catalog.saveSku(new Sku("B", "Teapot", null, new BigDecimal("59.00"), 0, Map.of(), false, List.of(), 3, 0, 0));
            s.catalog.saveMapping(new SkuMapping("jd", "shop1", "jd-a", null, null, "A", 1));

            JsonNode first = answer(s.get("/api/v1/stock", Map.of("limit", "2")), 200);
            assertEquals(List.of("A", "B"), codes(first));
            assertEquals("B", first.get("next").asText());
            JsonNode a = first.get("items").get(0);
            assertEquals(10, a.get("sellable").asInt());
            assertEquals(10, a.get("onHand").asInt());
            assertEquals(s.inventory.view("A").perChannel(), MAPPER.convertValue(a.get("perChannel"), Map.class));
            JsonNode b = first.get("items").get(1);
            assertTrue(b.get("low").asBoolean(), "1 sellable against a threshold of 3: " + b);
            assertFalse(a.get("low").asBoolean());
            JsonNode second = answer(s.get("/api/v1/stock", Map.of("limit", "2", "after", "B")), 200);
            assertEquals(List.of("KIT"), codes(second));
            assertTrue(second.get("next").isNull());
            assertEquals(4, second.get("items").get(0).get("onHand").asInt() + 4, "a kit holds no stock of its own");
            assertTrue(second.get("items").get(0).get("kit").asBoolean());
            assertBad(s.get("/api/v1/stock", Map.of("limit", "201")), 400, "limit must be 1..200, was 201");
            assertBad(s.get("/api/v1/stock", Map.of("limit", "0")), 400, "limit must be 1..200, was 0");

            // presale on: under 20 sellable, the channels are offered 50 as presale
            JsonNode on = answer(s.api.handle(CLERK, "PUT", "/api/v1/stock/A/presale", Map.of(), "application/json",
                    "{\"threshold\":20,\"quota\":50,\"reason\":\"double 12 presale\"}"), 200);
            assertTrue(on.get("presale").asBoolean(), on.toString());
            Sku saved = s.catalog.sku("A").orElseThrow();
            assertEquals(List.of(20, 50), List.of(saved.presaleThreshold(), saved.presaleQuota()));
            assertEquals("Tea cup", saved.name(), "the rest of the SKU is kept");
            assertTrue(answer(s.get("/api/v1/stock", Map.of("limit", "1")), 200).get("items").get(0).get("presale").asBoolean());

            assertBad(s.api.handle(CLERK, "PUT", "/api/v1/stock/A/presale", Map.of(), "application/json",
                    "{\"threshold\":5,\"quota\":0,\"reason\":\"x\"}"), 422, "invalid presale switch");
            assertBad(s.api.handle(CLERK, "PUT", "/api/v1/stock/A/presale", Map.of(), "application/json",
                    "{\"threshold\":-1,\"quota\":3,\"reason\":\"x\"}"), 422, "invalid presale switch");
            assertBad(s.api.handle(CLERK, "PUT", "/api/v1/stock/A/presale", Map.of(), "application/json",
                    "{\"threshold\":\"lots\",\"quota\":3}"), 400, "invalid body");
            assertBad(s.api.handle(CLERK, "PUT", "/api/v1/stock/NOPE/presale", Map.of(), "application/json",
                    "{\"threshold\":0,\"quota\":0,\"reason\":\"x\"}"), 404, "unknown SKU 'NOPE'");
            assertEquals(405, s.post("/api/v1/stock/A/presale", "{}").status());
            saved = s.catalog.sku("A").orElseThrow();
            assertEquals(List.of(20, 50), List.of(saved.presaleThreshold(), saved.presaleQuota()), "refusals change nothing");

            JsonNode off = answer(s.api.handle(CLERK, "PUT", "/api/v1/stock/A/presale", Map.of(), "application/json",
                    "{\"threshold\":0,\"quota\":0,\"reason\":\"sold out for good\"}"), 200);
            assertFalse(off.get("presale").asBoolean());
            assertEquals(0, s.catalog.sku("A").orElseThrow().presaleThreshold());
        }
    }

    private static List<String> codes(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("items").forEach(i -> out.add(i.get("sku").asText()));
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void receivingRaisesOnHandAndWritesTheLedgerWithTheReference(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            s.inventory.receive("A", "HZ", 5, "po-0", OPS);
            JsonNode row = answer(s.post("/api/v1/stock/A/receive", receive("\"HZ\"", "10", "\"po-1\"")), 200);
            assertRow(new StockRow("A", "HZ", 15, 0, 0, 0), row);
            assertRow(s.row("A", "HZ"), answer(s.get("/api/v1/stock/A"), 200).get("rows").get(0));

            LedgerEntry e = s.inventory.ledger("A", 1).get(0);
            assertEquals(Movement.RECEIVE, e.movement());
            assertEquals(10, e.onHandDelta());
            assertEquals("po-1", e.reference());
            assertEquals("user:clerk", e.actor(), "the caller is the actor");
            assertEquals("HZ", e.warehouse());

            assertRow(new StockRow("B", "SH", 3, 0, 0, 0),
                    answer(s.post("/api/v1/stock/B/receive", receive("\"SH\"", "3", "\"po-2\"")), 200));
            assertTrue(s.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void adjustingCorrectsOnHandWithItsReasonButNeverBelowWhatIsReserved(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            reserve(s, "order-1", "A", 3);
            JsonNode row = answer(s.post("/api/v1/stock/A/adjust", adjust("\"HZ\"", "-6", "\"breakage\"")), 200);
            assertRow(new StockRow("A", "HZ", 4, 3, 0, 0), row);
            LedgerEntry e = s.inventory.ledger("A", 1).get(0);
            assertEquals(Movement.ADJUST, e.movement());
            assertEquals(-6, e.onHandDelta());
            assertEquals("breakage", e.reason());
            assertEquals("user:clerk", e.actor(), "the caller is the actor");

            int ledgerRows = s.inventory.ledger(null, 10_000).size();
            assertBad(s.post("/api/v1/stock/A/adjust", adjust("\"HZ\"", "-2", "\"count\"")), 422,
                    "would leave on hand 2 below the 3 reserved");
            assertEquals(4, s.row("A", "HZ").onHand());
            assertEquals(ledgerRows, s.inventory.ledger(null, 10_000).size());

            assertRow(new StockRow("A", "HZ", 6, 3, 0, 0),
                    answer(s.post("/api/v1/stock/A/adjust", adjust("\"HZ\"", "2", "\"stock count\"")), 200));
            assertTrue(s.inventory.check().ok());
        }
    }

    @Test
    void everyBadStockRequestIsRefusedWithItsReasonAndChangesNothing() throws Exception {
        try (Setup s = new Setup("h2")) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            StockView before = s.inventory.view("A");
            int ledgerRows = s.inventory.ledger(null, 10_000).size();
            String rcv = "/api/v1/stock/A/receive";
            String adj = "/api/v1/stock/A/adjust";

            // the body: 400 names the field
            assertBad(s.post(rcv, "{\"warehouse\":"), 400, "malformed JSON");
            assertBad(s.post(rcv, "[1]"), 400, "the body must be one JSON object");
            assertBad(s.post(rcv, "{\"warehouse\":\"HZ\",\"reference\":\"po-2\"}"), 400, "quantity is required");
            assertBad(s.post(rcv, receive("\"HZ\"", "\"ten\"", "\"po-2\"")), 400, "quantity must be a whole number, was \"ten\"");
            assertBad(s.post(rcv, receive("\"HZ\"", "2.5", "\"po-2\"")), 400, "quantity must be a whole number, was 2.5");
            assertBad(s.post(rcv, receive("\"HZ\"", "99999999999", "\"po-2\"")), 400, "quantity must be a whole number");
            assertBad(s.post(rcv, receive("\"HZ\"", "null", "\"po-2\"")), 400, "quantity is required");
            assertBad(s.post(rcv, receive("\" \"", "1", "\"po-2\"")), 400, "warehouse must be a non-blank string");
            assertBad(s.post(rcv, receive("7", "1", "\"po-2\"")), 400, "warehouse must be a non-blank string, was 7");
            JsonNode two = answer(s.post(rcv, "{\"warehouse\":\"HZ\",\"qty\":1,\"reference\":\"po-2\"}"), 400);
            assertEquals(List.of("unknown field 'qty'", "quantity is required"),
                    List.of(two.get("problems").get(0).asText(), two.get("problems").get(1).asText()));
            assertBad(s.post(adj, "{\"warehouse\":\"HZ\",\"delta\":-1}"), 400, "reason is required");
            assertBad(s.post(adj, adjust("\"HZ\"", "\"-1\"", "\"count\"")), 400, "delta must be a whole number, was \"-1\"");

            // what the inventory refuses: 422 with its message
            assertBad(s.post(rcv, receive("\"HZ\"", "0", "\"po-2\"")), 422, "must be at least 1, not 0");
            assertBad(s.post(rcv, receive("\"HZ\"", "-5", "\"po-2\"")), 422, "must be at least 1, not -5");
            assertBad(s.post(rcv, receive("\"HZ\"", "1000001", "\"po-2\"")), 422, "more than the maximum 1000000");
            assertBad(s.post("/api/v1/stock/NOPE/receive", receive("\"HZ\"", "1", "\"po-2\"")), 422, "unknown SKU 'NOPE'");
            assertBad(s.post(rcv, receive("\"XX\"", "1", "\"po-2\"")), 422, "unknown warehouse 'XX'");
            assertBad(s.post("/api/v1/stock/KIT/receive", receive("\"HZ\"", "1", "\"po-2\"")), 422, "KIT is a kit");
            assertBad(s.post(rcv, receive("\"HZ\"", "1", "\"" + "r".repeat(129) + "\"")), 422, "1-128 characters");
            assertBad(s.post(adj, adjust("\"HZ\"", "0", "\"count\"")), 422, "an adjustment of 0 changes nothing");
            assertBad(s.post(adj, adjust("\"HZ\"", "-11", "\"count\"")), 422, "would leave on hand -1 below 0");
            assertBad(s.post(adj, adjust("\"SH\"", "-1", "\"count\"")), 422, "A has no stock in SH");

            // the request itself
            assertBad(s.api.handle(CLERK, "POST", rcv, Map.of(), "text/plain", receive("\"HZ\"", "1", "\"po-2\"")), 415,
                    "Content-Type must be application/json, was 'text/plain'");
            assertBad(s.api.handle(CLERK, "POST", rcv, Map.of(), null, receive("\"HZ\"", "1", "\"po-2\"")), 415, "was ''");
            assertBad(s.api.handle(CLERK, "POST", rcv, Map.of(), "application/json", null), 413, "larger than 1048576 bytes");
            assertBad(s.post(rcv, " "), 400, "the body is empty");
            HttpReply getReceive = s.get(rcv);
            assertBad(getReceive, 405, "method GET is not allowed on /api/v1/stock/A/receive; use POST");
            assertEquals("POST", getReceive.headers().get("Allow"));
            HttpReply postView = s.post("/api/v1/stock/A", "{}");
            assertBad(postView, 405, "use GET");
            assertEquals("GET", postView.headers().get("Allow"));
            assertBad(s.api.handle(CLERK, "DELETE", "/api/v1/stock/check", Map.of(), null, null), 405, "use GET");
            assertBad(s.post("/api/v1/stock", "{}"), 405, "use GET");
            assertBad(s.post("/api/v1/stock/A/ship", "{}"), 404, "no such resource /api/v1/stock/A/ship");
            assertBad(s.post("/api/v1/stock/A/receive/x", "{}"), 404, "no such resource");
            assertBad(s.get("/api/v1/stockpile"), 404, "no such resource /api/v1/stockpile");
            assertBad(s.get("/api/v1/stock/%zz"), 400, "path segment '%zz' is not valid percent-encoding");
            assertBad(s.get("/api/v1/stock/pushes", Map.of("limit", "0")), 400, "limit must be 1..500, was 0");
            assertBad(s.get("/api/v1/stock/pushes", Map.of("limit", "501")), 400, "limit must be 1..500, was 501");
            assertBad(s.get("/api/v1/stock/pushes", Map.of("limit", "x")), 400, "limit must be a whole number, was 'x'");
            assertBad(s.get("/api/v1/stock/alerts", Map.of("limit", "-1")), 400, "limit must be 1..500");
            assertBad(s.get("/api/v1/stock/alerts", Map.of("limit", "501")), 400, "limit must be 1..500, was 501");
            assertBad(s.get("/api/v1/stock/pushes", Map.of("after", "newest")), 400,
                    "after must be the next cursor of the previous page (an id), was 'newest'");
            assertBad(s.get("/api/v1/stock/alerts", Map.of("after", "1.5")), 400, "after must be the next cursor");
            assertBad(s.get("/api/v1/stock/pushes", Map.of("failed", "yes")), 400, "failed must be true or false, was 'yes'");

            assertEquals(before, s.inventory.view("A"), "no counter moved");
            assertEquals(ledgerRows, s.inventory.ledger(null, 10_000).size(), "no ledger row written");
            assertTrue(s.inventory.check().ok());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theLedgerCheckAnswers200EitherWayAndListsEachDifference(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            s.inventory.receive("B", "SH", 3, "po-2", OPS);
            JsonNode ok = answer(s.get("/api/v1/stock/check"), 200);
            LedgerCheck expected = s.inventory.check();
            assertTrue(ok.get("ok").asBoolean());
            assertEquals(expected.rowsChecked(), ok.get("rowsChecked").asInt());
            assertEquals(2, ok.get("rowsChecked").asInt());
            assertEquals(expected.ledgerRows(), ok.get("ledgerRows").asLong());
            assertEquals(0, ok.get("differences").size());

            try (Connection c = s.pool.getConnection(); Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE stock SET on_hand = on_hand + 1 WHERE sku = 'A' AND warehouse = 'HZ'");
            }
            JsonNode bad = answer(s.get("/api/v1/stock/check"), 200);
            assertFalse(bad.get("ok").asBoolean());
            LedgerCheck.Difference d = s.inventory.check().differences().get(0);
            JsonNode diff = bad.get("differences").get(0);
            assertEquals(1, bad.get("differences").size());
            assertEquals("A", diff.get("sku").asText());
            assertEquals("HZ", diff.get("warehouse").asText());
            assertEquals(d.counter(), diff.get("counter").asText());
            assertEquals(11, diff.get("counterValue").asLong());
            assertEquals(10, diff.get("ledgerSum").asLong());
        }
    }

    @Test
    void recentPushesWithTheirFailuresAndLowStockAlerts() throws Exception {
        try (Setup s = new Setup("h2")) {
            s.catalog.saveSku(new Sku("P", "Low", null, BigDecimal.ONE, 0, Map.of(), false, List.of(), 20, 0, 0));
            s.catalog.saveMapping(new SkuMapping("jd", "shop1", "jd-p", null, null, "P", 1));
            s.catalog.saveMapping(new SkuMapping("douyin", "s9", "dy-p", null, null, "P", 1));
            RecordingUpdater douyin = new RecordingUpdater("douyin");
            s.pusher.addUpdater(douyin); // jd has no updater: its pushes fail
            s.inventory.receive("P", "HZ", 30, "po-1", OPS);
            await().atMost(Duration.ofSeconds(5)).until(() -> s.inventory.recentPushes(50).stream()
                    .anyMatch(p -> p.ok() && p.channel().equals("douyin") && p.quantity() == 30)
                    && s.inventory.recentPushes(50).stream().anyMatch(p -> !p.ok() && p.quantity() == 30));

            List<StockPush> expected = s.inventory.recentPushes(50);
            JsonNode all = answer(s.get("/api/v1/stock/pushes"), 200).get("items");
            assertEquals(expected.size(), all.size());
            for (int i = 0; i < expected.size(); i++) {
                StockPush p = expected.get(i);
                JsonNode n = all.get(i);
                assertEquals(p.at(), Instant.parse(n.get("at").asText()), "an ISO instant");
                assertEquals(p.channel(), n.get("channel").asText());
                assertEquals(p.shop(), n.get("shop").asText());
                assertEquals(p.channelSku(), n.get("channelSku").asText());
                assertEquals(p.quantity(), n.get("quantity").asInt());
                assertEquals(p.presale(), n.get("presale").asBoolean());
                assertEquals(p.ok(), n.get("ok").asBoolean());
                assertEquals(p.error(), n.get("error").isNull() ? null : n.get("error").asText());
                assertEquals(p.attempt(), n.get("attempt").asInt());
                assertEquals(p.lagMillis(), n.get("lagMillis").asLong());
            }
            JsonNode failed = answer(s.get("/api/v1/stock/pushes", Map.of("failed", "true")), 200).get("items");
            assertEquals(expected.stream().filter(p -> !p.ok()).count(), failed.size());
            for (JsonNode n : failed) {
                assertFalse(n.get("ok").asBoolean());
                assertEquals("jd", n.get("channel").asText());
                assertTrue(n.get("error").asText().contains("no stock updater installed for channel jd"), n.toString());
            }
            JsonNode one = answer(s.get("/api/v1/stock/pushes", Map.of("limit", "1")), 200).get("items");
            assertEquals(1, one.size());
            assertEquals(expected.get(0).channel(), one.get(0).get("channel").asText());

            for (int i = 0; i < 12; i++) { // units reserved just now: a forecast far above what is left under 20
                reserve(s, "p-" + i, "P", 1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !s.inventory.alerts(10).isEmpty());
            StockAlert alert = s.inventory.alerts(10).get(0);
            JsonNode alerts = answer(s.get("/api/v1/stock/alerts"), 200).get("items");
            assertEquals(1, alerts.size());
            assertEquals("P", alerts.get(0).get("sku").asText());
            assertEquals(alert.sellable(), alerts.get(0).get("sellable").asInt(), "when the pusher saw it: 18 or 19");
            assertTrue(alert.sellable() < 20);
            assertEquals(20, alerts.get(0).get("threshold").asInt());
            assertEquals(alert.forecast24h(), alerts.get(0).get("forecast24h").asDouble());
            assertEquals(alert.at(), Instant.parse(alerts.get(0).get("at").asText()));
        }
    }

    /** Every page of a stock list with {@code limit}: the ids in order, each page checked. */
    private static List<Long> walk(Setup s, String path, Map<String, String> filter, int limit) throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, String> q = new java.util.HashMap<>(filter);
            q.put("limit", String.valueOf(limit));
            if (after != null) {
                q.put("after", after);
            }
            JsonNode page = answer(s.get(path, q), 200);
            List<Long> ids = new ArrayList<>();
            page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
            seen.addAll(ids);
            assertTrue(page.has("next"), page.toString());
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(limit, ids.size(), "only the last page is short");
                assertEquals(String.valueOf(ids.get(ids.size() - 1)), after, "next is the last id shown");
            } else {
                assertTrue(ids.size() <= limit, page.toString());
            }
        } while (after != null && ++pages < 100);
        return seen;
    }

    @Test
    void pushesPageNewestFirstByTheirNumberEveryOneOnceFailuresToo() throws Exception {
        try (Setup s = new Setup("h2")) {
            s.catalog.saveSku(new Sku("P", "Pushed", null, BigDecimal.ONE, 0, Map.of(), false, List.of(), 0, 0, 0));
            s.catalog.saveMapping(new SkuMapping("jd", "shop1", "jd-p", null, null, "P", 1));
            s.catalog.saveMapping(new SkuMapping("douyin", "s9", "dy-p", null, null, "P", 1));
            s.pusher.addUpdater(new RecordingUpdater("douyin")); // jd has no updater: its pushes fail
            for (int i = 1; i <= 4; i++) { // each change pushed (and refused for jd) before the next
                s.inventory.receive("P", "HZ", 10, "po-" + i, OPS);
                int quantity = 10 * i;
                await().atMost(Duration.ofSeconds(5)).until(() -> s.inventory.recentPushes(50).stream()
                        .filter(p -> p.quantity() == quantity).count() >= 2);
            }
            List<StockPush> kept = s.inventory.recentPushes(50);
            assertTrue(kept.size() >= 8, kept.toString());
            List<Long> all = kept.stream().map(StockPush::id).toList();
            List<Long> failed = kept.stream().filter(p -> !p.ok()).map(StockPush::id).toList();
            assertTrue(failed.size() >= 4, kept.toString());
            for (int i = 1; i < all.size(); i++) {
                assertTrue(all.get(i) < all.get(i - 1), "numbered as kept, newest first: " + all);
            }
            for (int limit : new int[] { 1, 3, all.size(), 500 }) {
                assertEquals(all, walk(s, "/api/v1/stock/pushes", Map.of(), limit), "limit " + limit);
                assertEquals(failed, walk(s, "/api/v1/stock/pushes", Map.of("failed", "true"), limit), "failed, limit " + limit);
            }
            JsonNode rest = answer(s.get("/api/v1/stock/pushes", Map.of("after", String.valueOf(all.get(1)))), 200);
            assertEquals(all.size() - 2, rest.get("items").size());
            assertEquals(all.get(2).longValue(), rest.get("items").get(0).get("id").asLong());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void lowStockAlertsPageNewestFirstByIdEveryOneOnce(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            assertEquals(List.of(), walk(s, "/api/v1/stock/alerts", Map.of(), 2), "none: one empty last page");
            List<Long> ids = new ArrayList<>();
            try (Connection c = s.pool.getConnection();
                    java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO stock_alert (at, sku, sellable, threshold, "
                            + "forecast) VALUES (?, ?, ?, 10, 30.5)", new String[] { "id" })) {
                c.setAutoCommit(true);
                for (int i = 0; i < 7; i++) {
                    ps.setTimestamp(1, java.sql.Timestamp.from(Instant.parse("2026-11-11T00:00:00Z").plusSeconds(i)));
                    ps.setString(2, "SKU-" + i);
                    ps.setInt(3, i);
                    ps.executeUpdate();
                    try (java.sql.ResultSet keys = ps.getGeneratedKeys()) {
                        keys.next();
                        ids.add(0, keys.getLong(1)); // newest first
                    }
                }
            }
            for (int limit : new int[] { 1, 2, 7, 500 }) {
                assertEquals(ids, walk(s, "/api/v1/stock/alerts", Map.of(), limit), "limit " + limit);
            }
            assertEquals(ids, s.inventory.alerts(10).stream().map(StockAlert::id).toList(), "the service gives the ids too");
            JsonNode first = answer(s.get("/api/v1/stock/alerts", Map.of("limit", "2")), 200);
            assertEquals("SKU-6", first.get("items").get(0).get("sku").asText());
            assertEquals(30.5, first.get("items").get(0).get("forecast24h").asDouble());
            JsonNode next = answer(s.get("/api/v1/stock/alerts", Map.of("limit", "2", "after", first.get("next").asText())), 200);
            assertEquals(List.of("SKU-4", "SKU-3"), List.of(next.get("items").get(0).get("sku").asText(),
                    next.get("items").get(1).get("sku").asText()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aCatalogFileIsAppliedWholeOrNotAtAllAndBadRowsAreListedByLine(String kind) throws Exception {
        try (Setup s = new Setup(kind)) {
            String skus = s.export(CatalogTable.SKUS);

            JsonNode dry = answer(s.postCsv("skus", true, TWO_NEW_SKUS), 200);
            assertEquals("SKUS", dry.get("table").asText());
            assertEquals(2, dry.get("rows").asInt());
            assertFalse(dry.get("applied").asBoolean());
            assertTrue(dry.get("dryRun").asBoolean());
            assertEquals(0, dry.get("errors").size());
            assertEquals(skus, s.export(CatalogTable.SKUS), "a dry run changes nothing");

            String badFile = SKU_HEADER + "N1,New one,,5,0,,false,,0,0,0\n"
                    + "N2,New two,,abc,0,,false,,0,0,0\n"
                    + "N3,Kit,,1,0,,false,NOPE*1,0,0,0\n";
            for (boolean dryRun : List.of(false, true)) {
                HttpReply badReply = s.postCsv("skus", dryRun, badFile);
                assertTrue(badReply.contentType().startsWith("application/problem+json"), "a problem detail like others");
                JsonNode bad = answer(badReply, 422);
                assertTrue(bad.get("error").asText().startsWith("2 bad rows in the skus file; nothing was imported: line 3: "),
                        bad.toString());
                assertEquals(422, bad.get("status").asInt());
                assertEquals(List.of("line 3", "line 4"), List.of(bad.get("problems").get(0).asText().substring(0, 6),
                        bad.get("problems").get(1).asText().substring(0, 6)));
                assertFalse(bad.get("applied").asBoolean());
                List<Integer> lines = new ArrayList<>();
                bad.get("errors").forEach(e -> lines.add(e.get("line").asInt()));
                assertEquals(List.of(3, 4), lines, bad.toString());
                assertTrue(bad.get("errors").get(0).get("reason").asText().contains("base_price 'abc' is not a number"), bad.toString());
                assertTrue(bad.get("errors").get(1).get("reason").asText().contains("kit part NOPE does not exist"), bad.toString());
                assertEquals(skus, s.export(CatalogTable.SKUS), "nothing of a bad file is applied");
            }
            JsonNode header = answer(s.postCsv("skus", false, "code,name\nN1,x\n"), 422);
            assertTrue(header.get("error").asText().startsWith("1 bad row in the skus file; nothing was imported: line 1: "),
                    header.toString());
            assertEquals(1, header.get("errors").get(0).get("line").asInt());
            assertTrue(header.get("errors").get(0).get("reason").asText().startsWith("the header must be exactly"));

            JsonNode applied = answer(s.postCsv("skus", false, TWO_NEW_SKUS), 200);
            assertTrue(applied.get("applied").asBoolean());
            assertFalse(applied.get("dryRun").asBoolean());
            assertEquals(2, applied.get("inserted").asInt());
            assertEquals(0, applied.get("updated").asInt());
            assertEquals("New one", s.catalog.sku("N1").orElseThrow().name());
            assertRow(new StockRow("N1", "HZ", 7, 0, 0, 0),
                    answer(s.post("/api/v1/stock/N1/receive", receive("\"HZ\"", "7", "\"po-n1\"")), 200));
        }
    }

    @Test
    void badCatalogRequests() throws Exception {
        try (Setup s = new Setup("h2")) {
            String skus = s.export(CatalogTable.SKUS);
            assertBad(s.api.handle(CLERK, "POST", "/api/v1/catalog/skus", Map.of(), "application/json", TWO_NEW_SKUS), 415,
                    "Content-Type must be text/csv, was 'application/json'");
            assertBad(s.api.handle(CLERK, "POST", "/api/v1/catalog/skus", Map.of(), "text/csv", null), 413, "larger than 16777216 bytes");
            assertBad(s.postCsv("skus", false, ""), 400, "the body is empty; send the CSV file with its header row");
            assertBad(s.api.handle(CLERK, "POST", "/api/v1/catalog/skus", Map.of("dryRun", "maybe"), "text/csv", TWO_NEW_SKUS), 400,
                    "dryRun must be true or false, was 'maybe'");
            assertBad(s.get("/api/v1/catalog/widgets"), 404, "no catalog table 'widgets'; use one of skus, mappings, gifts");
            assertBad(s.postCsv("widgets", false, TWO_NEW_SKUS), 404, "no catalog table 'widgets'");
            assertBad(s.get("/api/v1/catalog"), 404, "the catalog tables are at /api/v1/catalog/{table}");
            assertBad(s.get("/api/v1/catalog/skus/N1"), 404, "no such resource");
            HttpReply put = s.api.handle(CLERK, "PUT", "/api/v1/catalog/skus", Map.of(), "text/csv", TWO_NEW_SKUS);
            assertBad(put, 405, "use GET, POST");
            assertEquals("GET, POST", put.headers().get("Allow"));
            assertEquals(skus, s.export(CatalogTable.SKUS));
            assertEquals(200, s.get("/api/v1/catalog/SKUS").status(), "table names in any case, as catalog:export takes them");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theCsvExportImportsIntoAnotherCatalogAsItWas(String kind) throws Exception {
        try (Setup source = new Setup(kind); Setup target = new Setup(kind)) {
            source.catalog.saveSku(new Sku("TEA", "Green tea, \"Longjing\"", "6901234567890", new BigDecimal("88.50"), 260,
                    Map.of("grade", "A", "origin", "Hangzhou"), false, List.of(), 10, 5, 50));
            source.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-KIT", "item-1", null, "KIT", 1));
            source.catalog.saveMapping(new SkuMapping("jd", "s9", "J-TEA", null, "OC-TEA", "TEA", 6));
            source.catalog.saveGiftRule(new GiftRule("summer", "A", 1, "TEA", new BigDecimal("199"), "tmall",
                    Instant.parse("2024-06-01T00:00:00Z"), Instant.parse("2024-07-01T00:00:00Z"), true));
            for (CatalogTable table : CatalogTable.values()) { // skus first: the others refer to them
                String name = table.name().toLowerCase();
                HttpReply export = source.get("/api/v1/catalog/" + name);
                assertEquals(200, export.status(), export.body());
                assertEquals("text/csv; charset=utf-8", export.contentType());
                assertEquals("attachment; filename=\"" + name + ".csv\"", export.headers().get("Content-Disposition"));
                assertEquals(source.export(table), export.body());

                JsonNode imported = answer(target.postCsv(name, false, export.body()), 200);
                assertTrue(imported.get("applied").asBoolean(), imported.toString());
                assertEquals(source.export(table), target.export(table), name + " arrived as it was");

                JsonNode again = answer(source.postCsv(name, false, export.body()), 200);
                assertEquals(0, again.get("inserted").asInt());
                assertEquals(again.get("rows").asInt(), again.get("updated").asInt());
                assertEquals(export.body(), source.export(table), "export, import, export gives the same file");
            }
        }
    }

    @Test
    void withoutTheInventoryItsPathsAnswer503UntilItIsInstalled() throws Exception {
        try (Setup s = new Setup("h2")) {
            AtomicReference<InventoryService> installed = new AtomicReference<>();
            StockHttpApi api = new StockHttpApi(() -> Optional.ofNullable(installed.get()), Optional::empty, new OrderJson());
            List<HttpReply> replies = List.of(api.handle(CLERK, "GET", "/api/v1/stock/A", Map.of(), null, null),
                    api.handle(CLERK, "POST", "/api/v1/stock/A/receive", Map.of(), "application/json", receive("\"HZ\"", "1", "\"po\"")),
                    api.handle(CLERK, "GET", "/api/v1/stock/check", Map.of(), null, null),
                    api.handle(CLERK, "GET", "/api/v1/catalog/skus", Map.of(), null, null),
                    api.handle(CLERK, "POST", "/api/v1/catalog/skus", Map.of(), "text/csv", TWO_NEW_SKUS));
            for (HttpReply r : replies) {
                assertBad(r, 503, "the inventory is not installed");
                assertEquals("5", r.headers().get("Retry-After"));
            }
            installed.set(s.inventory); // the reference arrives: the next request finds it
            assertEquals(200, api.handle(CLERK, "GET", "/api/v1/stock/A", Map.of(), null, null).status());
            assertEquals(503, api.handle(CLERK, "GET", "/api/v1/catalog/skus", Map.of(), null, null).status(), "the catalog is still away");
            installed.set(null);
            assertEquals(503, api.handle(CLERK, "GET", "/api/v1/stock/A", Map.of(), null, null).status());
        }
    }

    @Test
    void aDatabaseOutageAnswers503AndABugAnswers500WithoutItsDetails() throws Exception {
        try (Setup s = new Setup("h2")) {
            s.inventory.receive("A", "HZ", 10, "po-1", OPS);
            s.pool.close(); // every connection is refused from now on
            List<HttpReply> replies = List.of(s.get("/api/v1/stock/A"),
                    s.post("/api/v1/stock/A/receive", receive("\"HZ\"", "1", "\"po-2\"")),
                    s.get("/api/v1/stock/check"),
                    s.get("/api/v1/catalog/skus"),
                    s.postCsv("skus", false, TWO_NEW_SKUS));
            for (HttpReply r : replies) {
                assertBad(r, 503, "the inventory database is not available; retry later");
                assertEquals("5", r.headers().get("Retry-After"));
                assertFalse(r.body().contains("closed"), "no driver messages: " + r.body());
            }
        }
        StockHttpApi broken = new StockHttpApi(() -> {
            throw new IllegalStateException("pool internals at db.example:5432");
        }, Optional::empty, new OrderJson());
        HttpReply r = broken.handle(CLERK, "GET", "/api/v1/stock/A", Map.of(), null, null);
        assertBad(r, 500, "internal error");
        assertFalse(r.body().contains("db.example"), r.body());
    }
}
