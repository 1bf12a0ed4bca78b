package org.ordertower.sim.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator on its own, spoken to with hand-made requests (signed with this test's own arithmetic). */
class ExampleSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private ExampleSimulator sim;

    @BeforeEach
    void start() {
        sim = ExampleSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "ak", "appSecret", "sec")));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode post(Map<String, String> params) throws Exception {
        String form = params.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "refusals are HTTP 200 with a code");
        return JSON.readTree(r.body());
    }

    /** A call with every system parameter, signed with {@code secret} after {@code business} was added. */
    private Map<String, String> signed(String secret, String method, Map<String, String> business) throws Exception {
        Map<String, String> p = new TreeMap<>(business);
        p.putAll(Map.of("method", method, "app_key", "ak", "v", "1", "access_token", sim.accessToken(), "timestamp",
                Long.toString(Instant.now().getEpochSecond())));
        return resign(secret, p);
    }

    private static Map<String, String> resign(String secret, Map<String, String> params) throws Exception {
        Map<String, String> p = new TreeMap<>(params);
        p.remove("sign");
        String text = p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        p.put("sign", HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8))));
        return p;
    }

    private int code(Map<String, String> params) throws Exception {
        return post(params).get("code").asInt();
    }

    @Test
    void answersASignedCall() throws Exception {
        String id = sim.book().create().orderId;
        JsonNode answer = post(signed("sec", "order.get", Map.of("order_id", id)));
        assertEquals(0, answer.get("code").asInt());
        assertEquals(id, answer.at("/data/order/order_id").asText());
        assertTrue(answer.at("/data/order/total_amount").isTextual(), "amounts are decimal strings");
    }

    @Test
    void refusesWhatThePlatformRefuses() throws Exception {
        String id = sim.book().create().orderId;
        assertEquals(40101, code(signed("not-sec", "order.get", Map.of("order_id", id))), "wrong signature");
        Map<String, String> p = signed("sec", "order.get", Map.of("order_id", id));
        p.put("app_key", "someone-else");
        assertEquals(40102, code(resign("sec", p)), "unknown app key");
        p = signed("sec", "order.get", Map.of("order_id", id));
        p.put("access_token", "made-up");
        assertEquals(40103, code(resign("sec", p)), "wrong access token");
        p = signed("sec", "order.get", Map.of("order_id", id));
        p.put("timestamp", Long.toString(Instant.now().minusSeconds(900).getEpochSecond()));
        assertEquals(40105, code(resign("sec", p)), "stale timestamp");
        p = signed("sec", "order.get", Map.of("order_id", id));
        p.remove("v");
        assertEquals(40001, code(resign("sec", p)), "missing version");
        assertEquals(40001, code(signed("sec", "order.get", Map.of())), "missing order_id");
        assertEquals(40002, code(signed("sec", "order.get", Map.of("order_id", id, "orderId", id))), "unknown param");
        assertEquals(40003, code(signed("sec", "order.nothing", Map.of())), "unknown method");
        assertEquals(40401, code(signed("sec", "order.get", Map.of("order_id", "1"))), "unknown order");
        assertEquals(40002, code(signed("sec", "stock.update", Map.of("sku_id", "5300101", "quantity", "-1"))));
        assertTrue(sim.counters().get("badSignatures") >= 1);
    }

    @Test
    void expiredTokenIs40104AndARefreshRotatesTheRefreshToken() throws Exception {
        String id = sim.book().create().orderId;
        sim.expireAccessTokens();
        assertEquals(40104, code(signed("sec", "order.get", Map.of("order_id", id))));
        Map<String, String> refresh = signed("sec", "token.refresh", Map.of("refresh_token", sim.refreshToken()));
        refresh.remove("access_token");
        JsonNode data = post(resign("sec", refresh)).get("data");
        assertFalse(data.get("refresh_token").asText().equals(sim.refreshToken()));
        Map<String, String> p = signed("sec", "order.get", Map.of("order_id", id));
        p.put("access_token", data.get("access_token").asText());
        assertEquals(0, code(resign("sec", p)));
        assertEquals(40106, code(resign("sec", refresh)), "a refresh token works once");
    }

    @Test
    void searchPagesByCursorAndRefusesABadCursor() throws Exception {
        Instant to = Instant.now().minusSeconds(1);
        Instant from = to.minus(Duration.ofMinutes(30));
        sim.book().seed(25, from, to.minusSeconds(60));
        Map<String, String> window = Map.of("updated_from", Long.toString(from.toEpochMilli()), "updated_to",
                Long.toString(to.toEpochMilli()), "page_size", "10");
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, String> business = new TreeMap<>(window);
            if (cursor != null) {
                business.put("cursor", cursor);
            }
            JsonNode data = post(signed("sec", "order.search", business)).get("data");
            data.get("orders").forEach(o -> assertTrue(seen.add(o.get("order_id").asText())));
            cursor = data.hasNonNull("next_cursor") ? data.get("next_cursor").asText() : null;
            pages++;
        } while (cursor != null);
        assertEquals(25, seen.size());
        assertEquals(3, pages);

        Map<String, String> bad = new TreeMap<>(window);
        bad.put("cursor", "not-a-cursor!");
        assertEquals(40004, code(signed("sec", "order.search", bad)));
        Map<String, String> first = new TreeMap<>(window);
        String valid = post(signed("sec", "order.search", first)).at("/data/next_cursor").asText();
        Map<String, String> otherWindow = new TreeMap<>(window);
        otherWindow.put("updated_from", Long.toString(from.toEpochMilli() + 1));
        otherWindow.put("cursor", valid);
        assertEquals(40004, code(signed("sec", "order.search", otherWindow)), "a cursor serves its own window only");
        Map<String, String> tooLong = new TreeMap<>(window);
        tooLong.put("updated_from", Long.toString(to.minus(Duration.ofDays(2)).toEpochMilli()));
        assertEquals(40002, code(signed("sec", "order.search", tooLong)));
    }

    @Test
    void shipsOnceAndRecordsStock() throws Exception {
        String id = sim.book().create().orderId;
        sim.book().pay(id);
        assertEquals(0, code(signed("sec", "order.ship", Map.of("order_id", id, "carrier_code", "ZTO", "tracking_no",
                "ZT1234567"))));
        assertEquals(40901, code(signed("sec", "order.ship", Map.of("order_id", id, "carrier_code", "ZTO",
                "tracking_no", "ZT1234567"))));
        assertEquals(1, sim.shipments().size());
        assertEquals(0, code(signed("sec", "stock.update", Map.of("sku_id", "5300101", "quantity", "7"))));
        assertEquals(7, sim.stockOf("5300101").orElseThrow());
        assertEquals(40401, code(signed("sec", "stock.update", Map.of("sku_id", "999", "quantity", "7"))));
    }
}
