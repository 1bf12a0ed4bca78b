package org.ordertower.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every text field of an order is refused with a 400 naming it when it is longer than the store keeps, and every
 * amount beyond the store's precision, on H2 and PostgreSQL alike: never a 503 that a client would retry for ever,
 * never a value cut short. An order with every field at its longest (in Chinese characters) is stored whole.
 */
class OrderLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** field path, longest length. */
    private static final Map<String, Integer> LIMITS = Map.ofEntries(Map.entry("platformOrderId", 64),
            Map.entry("shop", 64), Map.entry("platformStatus", 64), Map.entry("buyer.name", 256),
            Map.entry("buyer.phone", 128), Map.entry("buyer.platformBuyerId", 128), Map.entry("address.country", 64),
            Map.entry("address.province", 128), Map.entry("address.city", 128), Map.entry("address.district", 128),
            Map.entry("address.street", 256), Map.entry("address.detail", 1024), Map.entry("address.postcode", 32),
            Map.entry("buyerNote", 2048), Map.entry("sellerNote", 2048), Map.entry("lines.0.lineNo", 64),
            Map.entry("lines.0.channelSku", 128), Map.entry("lines.0.title", 512));

    private static ObjectNode order(String id) throws Exception {
        return (ObjectNode) MAPPER.readTree(OrderHttpApiTest.ORDER.replace("W-1", id));
    }

    private static void set(ObjectNode order, String path, String value) {
        String[] parts = path.split("\\.");
        com.fasterxml.jackson.databind.JsonNode n = order;
        for (int i = 0; i < parts.length - 1; i++) {
            n = parts[i].matches("\\d+") ? n.get(Integer.parseInt(parts[i])) : n.get(parts[i]);
        }
        ((ObjectNode) n).put(parts[parts.length - 1], value);
    }

    private static String chars(int n) {
        return "文".repeat(n);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void textTooLongForTheStoreIsA400NamingTheFieldAndTheLongestIsStoredWhole(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        try (IntakeFixture fixture = new IntakeFixture(ds)) {
            OrderHttpApi api = fixture.api;

            for (Map.Entry<String, Integer> limit : LIMITS.entrySet()) {
                ObjectNode over = order("LIM-over");
                set(over, limit.getKey(), chars(limit.getValue() + 1));
                HttpReply r = post(api, over.toString());
                assertEquals(400, r.status(), limit.getKey() + ": " + r.body());
                String field = limit.getKey().replace("lines.0.", "lines[0].");
                assertTrue(r.body().contains(field) && r.body().contains("longer than " + limit.getValue()),
                        limit.getKey() + ": " + r.body());
            }
            ObjectNode street = order("LIM-street");
            set(street, "address.street", "x".repeat(100_000));
            set(street, "buyer.platformBuyerId", "y".repeat(100_000));
            HttpReply huge = post(api, street.toString());
            assertEquals(400, huge.status(), huge.body());
            assertTrue(huge.body().contains("address.street") && huge.body().contains("buyer.platformBuyerId"), huge.body());
            ObjectNode rich = order("LIM-amount");
            ((ObjectNode) rich.get("amounts")).put("paid", "1000000000000000");
            ((ObjectNode) rich.get("lines").get(0)).put("unitPrice", "-1e16");
            HttpReply amount = post(api, rich.toString());
            assertEquals(400, amount.status(), amount.body());
            assertTrue(amount.body().contains("amounts.paid is too large")
                    && amount.body().contains("lines[0].unitPrice is too large"), amount.body());
            // PostgreSQL keeps no NUL in a text: refused with the field's name, never a 503 from the store
            for (String field : LIMITS.keySet()) {
                ObjectNode nul = order("LIM-nul");
                set(nul, field, field.equals("platformOrderId") ? "LIM-\u0000" : "a\u0000b");
                HttpReply r = post(api, nul.toString());
                assertEquals(400, r.status(), field + ": " + r.body());
                assertTrue(r.body().contains(field.replace("lines.0.", "lines[0].") + " contains a NUL character"),
                        field + ": " + r.body());
            }
            assertEquals(0, count(ds, "SELECT COUNT(*) FROM inbox"), "nothing of a refused order is stored");

            ObjectNode longest = order("LIM-" + "9".repeat(60));
            for (Map.Entry<String, Integer> limit : LIMITS.entrySet()) {
                if (!limit.getKey().equals("platformOrderId") && !limit.getKey().equals("shop")) {
                    set(longest, limit.getKey(), chars(limit.getValue()));
                }
            }
            set(longest, "shop", "s".repeat(64));
            ((ObjectNode) longest.get("amounts")).put("paid", "999999999999999.9999");
            HttpReply stored = post(api, longest.toString());
            assertEquals(201, stored.status(), stored.body());
            HttpReply back = api.handle(new org.ordertower.api.Caller("lead", Set.of("viewer", "pii")), "GET",
                    stored.headers().get("Location"),
                    Map.of("unmasked", "true"), null, null);
            assertEquals(200, back.status(), back.body());
            assertTrue(back.body().contains(chars(1024)), "the detail is whole");
            assertTrue(back.body().contains("\"sellerNote\":\"" + chars(2048) + "\""), "the note is whole");
        }
    }

    private static HttpReply post(OrderHttpApi api, String body) {
        return api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json", body);
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
