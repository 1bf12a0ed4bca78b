package org.ordertower.core.internal.http;

import org.ordertower.core.spi.http.HttpReply;
import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Caller;
import org.ordertower.jdbc.TestDatabases;

/** The REST interface's answers, over a real H2 store; the Jetty route only moves bytes. */
public class OrderHttpApiTest {
    /** A valid order as POST /api/v1/orders takes it (platform order W-1 of shop own/web). */
    public static final String ORDER = """
            {"channel":"own","shop":"web","platformOrderId":"W-1","platformVersion":1,"paymentStatus":"PAID",
             "buyer":{"name":"李四","phone":"13900001111","platformBuyerId":"u9"},
             "address":{"country":"CN","province":"江苏省","city":"南京市","district":"玄武区","street":"中山路","detail":"1号","postcode":"210000"},
             "lines":[{"lineNo":"1","channelSku":"SKU-9","quantity":2,"unitPrice":"19.90","paidAmount":"39.80"}],
             "amounts":{"currency":"CNY","goods":"39.80","discount":"0","shipping":"0","paid":"39.80"},
             "createdAt":"2026-11-11T00:00:00+08:00"}
            """;
    /** Karaf's admingroup. */
    static final Caller ADMIN = new Caller("admin", Set.of("admin", "manager", "viewer", "systembundles", "ssh"));
    private IntakeFixture fixture;
    private OrderHttpApi api;
    private DataSource ds;

    @BeforeEach
    void setUp() throws Exception {
        ds = TestDatabases.h2();
        fixture = new IntakeFixture(ds);
        api = fixture.api;
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    HttpReply post(String body) {
        return api.handle(ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json; charset=utf-8", body);
    }

    @Test
    void postThenGetShowsTheOrderMaskedWithItsTimeline() {
        HttpReply created = post(ORDER);
        assertEquals(201, created.status(), created.body());
        assertTrue(created.body().contains("\"outcome\":\"CREATED\""), created.body());
        String location = created.headers().get("Location");
        HttpReply again = post(ORDER);
        assertEquals(200, again.status());
        assertTrue(again.body().contains("\"outcome\":\"DUPLICATE\""), again.body());

        HttpReply got = api.handle(ADMIN, "GET", location, Map.of(), null, null);
        assertEquals(200, got.status(), got.body());
        assertTrue(got.body().contains("\"platformOrderId\":\"W-1\""), got.body());
        assertTrue(got.body().contains("139****1111"), "phone masked: " + got.body());
        assertFalse(got.body().contains("13900001111"), got.body());
        assertTrue(got.body().contains("\"unitPrice\":\"19.90\""), got.body());
        assertTrue(got.body().contains("\"timeline\":[{"), got.body());
        assertTrue(got.body().contains("\"action\":\"received\""), got.body());

        HttpReply list = api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("status", "received", "channel", "own"), null, null);
        assertEquals(200, list.status(), list.body());
        assertTrue(list.body().contains("\"total\":1"), list.body());
    }

    @Test
    void badInputGetsA4xxThatNamesTheProblemAndStoresNothing() throws Exception {
        assertBad(api.handle(ADMIN, "POST", "/api/v1/orders", Map.of(), "application/x-www-form-urlencoded", "a=b"), 415,
                "Content-Type must be application/json");
        assertBad(post("{\"channel\":"), 400, "malformed JSON");
        assertBad(post("[1,2]"), 400, "one JSON object");
        assertBad(post(ORDER.replace("\"quantity\":2", "\"quantity\":-2")), 400, "lines[0].quantity must be at least 1, was -2");
        assertBad(post(ORDER.replace("\"quantity\":2", "\"quantity\":\"two\"")), 400, "lines[0].quantity must be an integer");
        assertBad(post(ORDER.replace("\"shop\":\"web\",", "")), 400, "shop is required");
        assertBad(post(ORDER.replace("\"shop\":", "\"shopp\":")), 400, "unknown field 'shopp'");
        assertBad(post(ORDER.replace("\"paid\":\"39.80\"", "\"paid\":\"lots\"")), 400, "amounts.paid must be a decimal");
        assertBad(post(ORDER.replace("\"channel\":\"own\"", "\"channel\":\"tmall\"")), 422, "unknown channel 'tmall'");
        assertBad(post(ORDER.replace("2026-11-11T00:00:00+08:00", "yesterday")), 400, "createdAt must be an ISO-8601");
        assertBad(post(null), 413, "larger than 1048576 bytes");
        assertBad(post("  "), 400, "body is empty");
        assertBad(api.handle(ADMIN, "DELETE", "/api/v1/orders", Map.of(), null, null), 405, "not allowed");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders/abc", Map.of(), null, null), 404, "not an order id");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders/999999", Map.of(), null, null), 404, "no order with id 999999");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("page", "x"), null, null), 400, "page must be a whole number");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("status", "LOST"), null, null), 400, "unknown order status");
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("SELECT COUNT(*) FROM inbox")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "nothing of a refused order is stored");
        }
    }

    @Test
    void statusTransitionsOverHttpFollowTheStateMachine() {
        String location = post(ORDER).headers().get("Location");
        HttpReply ok = api.handle(ADMIN, "POST", location + "/status", Map.of(), "application/json",
                "{\"status\":\"SCREENED\",\"reason\":\"manual\"}");
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.body().contains("\"status\":\"SCREENED\""), ok.body());
        assertBad(api.handle(ADMIN, "POST", location + "/status", Map.of(), "application/json", "{\"status\":\"DELIVERED\"}"), 409,
                "cannot move from SCREENED to DELIVERED");
    }

    @Test
    void theCallerIsTheActorOfATransition() {
        String location = post(ORDER).headers().get("Location");
        Caller ops = new Caller("ops", Set.of("operator", "viewer"));
        assertEquals(200, api.handle(ops, "POST", location + "/status", Map.of(), "application/json",
                "{\"status\":\"SCREENED\",\"reason\":\"manual\"}").status());
        String timeline = api.handle(ops, "GET", location, Map.of(), null, null).body();
        assertTrue(timeline.contains("\"actor\":\"user:ops\",\"action\":\"status\""), timeline);
    }

    @Test
    void buyerDataIsInClearOnlyForTheRolePii() {
        String location = post(ORDER).headers().get("Location");
        Caller pii = new Caller("dpo", Set.of("viewer", "pii"));
        Map<String, String> unmasked = Map.of("unmasked", "true");
        assertTrue(api.handle(pii, "GET", location, unmasked, null, null).body().contains("13900001111"));
        assertTrue(api.handle(pii, "GET", "/api/v1/orders", unmasked, null, null).body().contains("13900001111"));
        assertFalse(api.handle(pii, "GET", location, Map.of(), null, null).body().contains("13900001111"), "masked unless asked");
        // the guard refuses unmasked=true without pii; should it ever let one through, the service refuses too,
        // for one order and for a list (OrderService.view and search), as it does for the shell
        HttpReply admin = api.handle(ADMIN, "GET", location, unmasked, null, null);
        assertEquals(403, admin.status(), admin.body());
        assertFalse(admin.body().contains("13900001111"), admin.body());
        HttpReply adminList = api.handle(ADMIN, "GET", "/api/v1/orders", unmasked, null, null);
        assertEquals(403, adminList.status(), adminList.body());
        String masked = api.handle(ADMIN, "GET", "/api/v1/orders", Map.of(), null, null).body();
        assertTrue(masked.contains("139****1111") && !masked.contains("13900001111"), masked);
        assertBad(api.handle(pii, "GET", location, Map.of("unmasked", "yes"), null, null), 400, "unmasked must be true or false");
    }

    private static void assertBad(HttpReply r, int status, String message) {
        assertEquals(status, r.status(), r.body());
        assertTrue(r.body().contains(message), "expected '" + message + "' in " + r.body());
    }

    @Test
    void ordersPageByCursorLikeTheOtherListsAndOrdersArrivingMeanwhileShiftNothing() throws Exception {
        for (int i = 1; i <= 5; i++) {
            assertEquals(201, post(ORDER.replace("W-1", "PG-" + i)).status());
        }
        java.util.List<String> seen = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            java.util.Map<String, String> q = after == null ? Map.of("limit", "2") : Map.of("limit", "2", "after", after);
            HttpReply r = api.handle(ADMIN, "GET", "/api/v1/orders", q, null, null);
            assertEquals(200, r.status(), r.body());
            com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            assertEquals(pages == 0 ? 5 : 6, n.get("total").asInt(), "total counts what matches now");
            n.get("items").forEach(o -> seen.add(o.get("platformOrderId").asText()));
            after = n.get("next").isNull() ? null : n.get("next").asText();
            if (pages++ == 0) {
                assertEquals(201, post(ORDER.replace("W-1", "PG-LATE")).status()); // a new order: no shift, no repeat
            }
        } while (after != null && pages < 10);
        assertEquals(java.util.List.of("PG-5", "PG-4", "PG-3", "PG-2", "PG-1"), seen);
        assertEquals(3, pages, "2, 2 and 1: no empty page after the last");
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        assertTrue(m.readTree(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("limit", "6"), null, null).body()).get("next")
                .isNull(), "a full page that is the last has no next");
        assertTrue(m.readTree(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("limit", "5"), null, null).body()).get("next")
                .isTextual(), "a full page with one more after it has a next");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("limit", "2", "size", "2"), null, null), 400,
                "limit or size");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("after", "abc"), null, null), 400, "after must be");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("after", "3", "page", "2"), null, null), 400,
                "page must be 1");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("limit", "501"), null, null), 400,
                "limit must be 1..500, was 501");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("limit", "0"), null, null), 400,
                "limit must be 1..500, was 0");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("size", "501"), null, null), 400, "between 1 and 500");
        assertBad(api.handle(ADMIN, "GET", "/api/v1/orders", Map.of("after", "-3"), null, null), 400, "after must be");
    }
}
