package org.ordertower.sim.pdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The gateway's strictness, spoken to as raw HTTP (its own test signer: the published example pins both). */
class PddSimulatorTest {
    private final PddSimulator sim = PddSimulator.start(new SimulatorOptions(0, 0, false,
            Map.of("appKey", "raw-app", "appSecret", "raw-secret", "ratePerSecond", "1000")));
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AfterEach
    void close() {
        sim.close();
    }

    private static String sign(Map<String, String> p, String secret) throws Exception {
        StringBuilder sb = new StringBuilder(secret);
        new TreeMap<>(p).forEach((k, v) -> sb.append(k).append(v));
        byte[] d = MessageDigest.getInstance("MD5").digest(sb.append(secret).toString().getBytes(StandardCharsets.UTF_8));
        return String.format("%032X", new BigInteger(1, d));
    }

    private Map<String, String> base(String type, long timestamp) {
        Map<String, String> p = new TreeMap<>();
        p.put("type", type);
        p.put("client_id", "raw-app");
        p.put("timestamp", String.valueOf(timestamp));
        p.put("data_type", "JSON");
        p.put("access_token", sim.accessToken());
        return p;
    }

    private JsonNode post(Map<String, String> p, boolean signIt) throws Exception {
        Map<String, String> all = new TreeMap<>(p);
        if (signIt) {
            all.put("sign", sign(p, "raw-secret"));
        }
        String form = all.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "PDD answers errors with HTTP 200");
        return json.readTree(r.body());
    }

    private static int code(JsonNode r) {
        return r.path("error_response").path("error_code").asInt(0);
    }

    private final long now = Instant.now().getEpochSecond();

    @Test
    void answersASignedCall() throws Exception {
        JsonNode r = post(base("pdd.time.get", now), true);
        assertTrue(r.path("time_get_response").path("time").asText().matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertTrue(r.path("time_get_response").has("request_id"));
    }

    @Test
    void acceptsAJsonBodySignedOverTheTextOfItsValues() throws Exception {
        sim.book().create();
        Map<String, Object> body = new TreeMap<>(base("pdd.order.number.list.increment.get", now));
        body.put("start_updated_at", now - 1200);
        body.put("end_updated_at", now);
        body.put("order_status", 5);
        body.put("refund_status", 5);
        body.put("is_lucky_flag", 0);
        body.put("page", 1);
        body.put("page_size", 10);
        Map<String, String> signed = new TreeMap<>();
        body.forEach((k, v) -> signed.put(k, String.valueOf(v)));
        body.put("sign", sign(signed, "raw-secret"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl()))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
        JsonNode page = json.readTree(r.body()).path("order_sn_increment_get_response");
        assertEquals(1, page.path("total_count").asInt(), r.body());
        String sn = page.path("order_sn_list").get(0).path("order_sn").asText();
        assertTrue(sn.matches("\\d{6}-\\d{15}"), sn);
    }

    @Test
    void refusesBadSignaturesStaleTimestampsMissingParamsAndUnknownApis() throws Exception {
        Map<String, String> p = base("pdd.time.get", now);
        Map<String, String> tampered = new TreeMap<>(p);
        tampered.put("sign", sign(p, "raw-secret"));
        tampered.put("timestamp", String.valueOf(now + 1));
        assertEquals(20004, code(post(tampered, false)));
        assertEquals(10000, code(post(base("pdd.time.get", now - 601), true)), "more than 10 minutes off");
        assertEquals(10000, code(post(p, false)), "no sign");
        assertEquals(10000, code(post(base("pdd.no.such.api", now), true)));
        Map<String, String> otherApp = base("pdd.time.get", now);
        otherApp.put("client_id", "someone-else");
        assertEquals(20004, code(post(otherApp, true)));
        Map<String, String> noToken = base("pdd.order.information.get", now);
        noToken.put("access_token", "sim-at-forged");
        noToken.put("order_sn", "240101-1");
        assertEquals(10019, code(post(noToken, true)));
        JsonNode err = post(base("pdd.order.information.get", now), true).path("error_response");
        assertEquals("参数错误:order_sn", err.path("error_msg").asText());
        assertEquals("10000", err.path("sub_code").asText());
    }

    @Test
    void enforcesTheIncrementWindowAndPageLimits() throws Exception {
        Map<String, String> p = base("pdd.order.number.list.increment.get", now);
        p.put("start_updated_at", String.valueOf(now - 1801));
        p.put("end_updated_at", String.valueOf(now));
        p.put("order_status", "5");
        p.put("refund_status", "5");
        p.put("is_lucky_flag", "0");
        assertEquals(10000, code(post(p, true)), "31 minutes");
        p.put("start_updated_at", String.valueOf(now - 1800));
        p.put("page_size", "101");
        assertEquals(10000, code(post(p, true)));
        p.put("page_size", "100");
        p.put("order_status", "4");
        assertEquals(10000, code(post(p, true)));
        p.put("order_status", "5");
        p.put("use_has_next", "true");
        JsonNode ok = post(p, true).path("order_sn_increment_get_response");
        assertTrue(ok.has("has_next") && !ok.has("total_count"), ok.toString());
    }

    @Test
    void requiresIsLuckyFlagAsTheSdksSendIt() throws Exception {
        sim.book().create();
        Map<String, String> p = base("pdd.order.number.list.increment.get", now);
        p.put("start_updated_at", String.valueOf(now - 600));
        p.put("end_updated_at", String.valueOf(now + 5));
        p.put("order_status", "5");
        p.put("refund_status", "5");
        JsonNode missing = post(p, true).path("error_response");
        assertEquals(10000, missing.path("error_code").asInt());
        assertEquals("参数错误:is_lucky_flag", missing.path("error_msg").asText());
        p.put("is_lucky_flag", "3");
        assertEquals(10000, code(post(p, true)));
        p.put("is_lucky_flag", "0");
        assertEquals(1, post(p, true).path("order_sn_increment_get_response").path("total_count").asInt(), "全部");
        p.put("is_lucky_flag", "1");
        assertEquals(1, post(p, true).path("order_sn_increment_get_response").path("total_count").asInt(), "非抽奖订单");
        p.put("is_lucky_flag", "2");
        assertEquals(0, post(p, true).path("order_sn_increment_get_response").path("total_count").asInt(), "抽奖订单");
    }

    @Test
    void servesPddsLogisticsCompanyListAndShipsOnlyWithAnAvailableId() throws Exception {
        JsonNode list = post(base("pdd.logistics.companies.get", now), true).path("logistics_companies_get_response")
                .path("logistics_companies");
        Map<String, JsonNode> byCode = new TreeMap<>();
        list.forEach(n -> byCode.putIfAbsent(n.path("code").asText(), n));
        assertEquals(44, byCode.get("SF").path("id").asInt());
        assertEquals("顺丰快递", byCode.get("SF").path("logistics_company").asText());
        assertEquals(115, byCode.get("ZTO").path("id").asInt());
        assertEquals(85, byCode.get("YTO").path("id").asInt());
        assertEquals(1, byCode.get("STO").path("id").asInt());
        assertEquals(1, byCode.get("STO").path("available").asInt());
        assertEquals(0, byCode.get("QF").path("available").asInt(), "全峰快递 is retired");

        var o = sim.book().create();
        sim.book().pay(o.orderId);
        Map<String, String> p = base("pdd.logistics.online.send", now);
        p.put("order_sn", PddSimRenderer.orderSn(o));
        p.put("tracking_number", "75000000000001");
        for (String refused : List.of("ZTO", "116", "4242")) {
            p.put("logistics_id", refused);
            JsonNode e = post(p, true).path("error_response");
            assertEquals(10000, e.path("error_code").asInt(), refused);
            assertTrue(e.path("error_msg").asText().startsWith("参数错误:logistics_id"), e.toString());
        }
        assertTrue(sim.shipment(PddSimRenderer.orderSn(o)).isEmpty());
        p.put("logistics_id", "115");
        assertTrue(post(p, true).path("logistics_online_send_response").path("is_success").asBoolean());
        assertEquals(new PddSimulator.Shipped(PddSimRenderer.orderSn(o), 115, "中通快递", "75000000000001"),
                sim.shipment(PddSimRenderer.orderSn(o)).orElseThrow());
        assertEquals("中通快递", sim.logisticsCompany(115));
        assertEquals(3L, sim.counters().get("badLogisticsId"));
    }

    @Test
    void pagesTheGoodsListAndRefusesBadPagesAndPageSizes() throws Exception {
        Map<String, String> p = base("pdd.goods.list.get", now);
        p.put("page_size", "4");
        JsonNode first = post(p, true).path("goods_list_get_response");
        assertEquals(6, first.path("total_count").asInt());
        assertEquals(4, first.path("goods_list").size());
        JsonNode cup = first.path("goods_list").get(0);
        assertEquals("陶瓷马克杯", cup.path("goods_name").asText());
        assertEquals(1, cup.path("is_more_sku").asInt());
        assertEquals(2, cup.path("sku_list").size());
        assertEquals("CUP-WHITE", cup.path("sku_list").get(0).path("outer_id").asText());
        assertEquals("白色 350ml", cup.path("sku_list").get(0).path("spec").asText());
        assertEquals(200, cup.path("goods_quantity").asInt());
        p.put("page", "2");
        assertEquals(2, post(p, true).path("goods_list_get_response").path("goods_list").size());
        p.put("page", "3");
        assertEquals(0, post(p, true).path("goods_list_get_response").path("goods_list").size());
        p.put("page", "0");
        assertEquals(10000, code(post(p, true)));
        p.put("page", "x");
        assertEquals(10000, code(post(p, true)));
        p.put("page", "1");
        p.put("page_size", "101");
        assertEquals(10000, code(post(p, true)));
        p.put("page_size", "0");
        assertEquals(10000, code(post(p, true)));
        p.put("page_size", "100");
        p.put("outer_id", "TEA-LJ-250");
        JsonNode tea = post(p, true).path("goods_list_get_response");
        assertEquals(1, tea.path("total_count").asInt());
        assertEquals("西湖龙井 250g 礼盒", tea.path("goods_list").get(0).path("goods_name").asText());
        p.put("is_onsale", "0");
        assertEquals(0, post(p, true).path("goods_list_get_response").path("total_count").asInt(), "is_onsale wins");
    }

    @Test
    void setsStockOnlyForGoodsAndSkusOfTheShop() throws Exception {
        Map<String, String> p = base("pdd.goods.quantity.update", now);
        p.put("goods_id", "395618321002");
        p.put("sku_id", "395618321201");
        p.put("quantity", "7");
        assertTrue(post(p, true).path("goods_quantity_update_response").path("is_success").asBoolean());
        assertEquals(7, sim.quantity("395618321002", "395618321201"));
        p.put("update_type", "2");
        p.put("quantity", "-2");
        assertTrue(post(p, true).path("goods_quantity_update_response").path("is_success").asBoolean());
        assertEquals(5, sim.quantity("395618321002", "395618321201"));
        p.put("quantity", "-6");
        assertEquals(10000, code(post(p, true)), "below zero");
        p.remove("update_type");
        p.put("quantity", "3");
        p.put("sku_id", "395618321101"); // a SKU of another goods
        assertEquals(10000, code(post(p, true)));
        p.put("goods_id", "395618329999");
        assertEquals(10000, code(post(p, true)));
        p.put("goods_id", "395618321001");
        p.remove("sku_id");
        p.put("outer_id", "NO-SUCH-CODE");
        assertEquals(10000, code(post(p, true)));
        p.put("outer_id", "CUP-BLUE");
        assertTrue(post(p, true).path("goods_quantity_update_response").path("is_success").asBoolean());
        assertEquals(3, sim.quantity("395618321001", "395618321102"));
        assertEquals(5, sim.quantity("395618321002", "395618321201"));
        assertEquals(null, sim.quantity("395618321001", "395618321201"), "not a SKU of that goods");
    }

    @Test
    void rendersBuyerDataAsCiphertextWhileTheOrderWaitsToShip() throws Exception {
        var o = sim.book().create();
        sim.book().pay(o.orderId);
        Map<String, String> p = base("pdd.order.information.get", now);
        p.put("order_sn", PddSimRenderer.orderSn(o));
        JsonNode info = post(p, true).path("order_info_get_response").path("order_info");
        assertTrue(info.path("receiver_name").asText().matches("~[A-Za-z0-9+/]+~[A-Za-z0-9+x]+~0~~"), info.toString());
        assertTrue(info.path("receiver_phone").asText().matches("\\$[A-Za-z0-9+x]+\\$[A-Za-z0-9+/]+\\$0\\$\\$"));
        assertTrue(info.path("receiver_phone_mask").asText().matches("\\d\\*{9}\\d"));
        assertTrue(!info.path("receiver_name").asText().contains(o.receiverName));
    }

    @Test
    void countsForConsoles() {
        sim.book().seed(5, Instant.now().minusSeconds(3600), Instant.now());
        assertEquals(5L, sim.counters().get("orders"));
        assertEquals("pdd", sim.channelId());
        assertTrue(sim.gatewayUrl().endsWith("/api/router"));
    }
}
