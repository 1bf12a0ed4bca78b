package org.ordertower.sim.jd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator on its own, spoken to with hand-made requests (signed with this test's own arithmetic). */
class JdSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private JdSimulator sim;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        sim = JdSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "ak", "appSecret", "sec")));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode call(Map<String, String> params) throws IOException, InterruptedException {
        String form = params.entrySet().stream().map(e -> e.getKey() + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "JOS answers errors with HTTP 200");
        return JSON.readTree(r.body());
    }

    private Map<String, String> signed(String method, String paramJson) throws Exception {
        Map<String, String> p = new TreeMap<>(Map.of("method", method, "access_token", sim.accessToken(), "app_key", "ak",
                "timestamp", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("Asia/Shanghai"))
                        .format(Instant.now()), "v", "2.0", "360buy_param_json", paramJson));
        StringBuilder s = new StringBuilder("sec");
        p.forEach((k, v) -> s.append(k).append(v));
        s.append("sec");
        byte[] md5 = java.security.MessageDigest.getInstance("MD5").digest(s.toString().getBytes(StandardCharsets.UTF_8));
        p.put("sign", java.util.HexFormat.of().withUpperCase().formatHex(md5));
        return p;
    }

    @Test
    void refusalsAreJosErrorResponses() throws Exception {
        Map<String, String> p = signed("jingdong.pop.order.get", "{}");
        p.put("sign", "0".repeat(32));
        JsonNode e = call(p).get("error_response");
        assertEquals("12", e.get("code").asText());
        assertEquals("无效签名", e.get("zh_desc").asText());
        assertEquals("Invalid Signature", e.get("en_desc").asText());

        p = signed("jingdong.pop.order.get", "{}");
        p.remove("timestamp");
        assertEquals("7", call(p).path("error_response").path("code").asText());
        p = signed("jingdong.pop.order.get", "{}");
        p.put("v", "1.0");
        assertEquals("5", call(p).path("error_response").path("code").asText());
        assertEquals("15", call(signed("jingdong.pop.order.nope", "{}")).path("error_response").path("code").asText());
    }

    @Test
    void searchLimitsAnswerInsideApiResult() throws Exception {
        JsonNode r = call(signed("jingdong.pop.order.search", "{\"end_date\":\"2030-01-01 00:10:00\",\"optional_fields\":"
                + "\"orderId\",\"page\":\"1\",\"page_size\":\"51\",\"start_date\":\"2030-01-01 00:00:00\"}"));
        JsonNode result = r.path("jingdong_pop_order_search_responce").path("searchorderinfo_result");
        assertEquals(false, result.path("apiResult").path("success").asBoolean(true));
        r = call(signed("jingdong.pop.order.search", "{\"end_date\":\"2030-01-01 00:10:00\",\"page\":\"1\","
                + "\"page_size\":\"50\",\"start_date\":\"2030-01-01 00:00:00\"}"));
        assertTrue(r.path("jingdong_pop_order_search_responce").path("searchorderinfo_result").path("apiResult")
                .path("chineseErrCode").asText().contains("optional_fields"));
    }

    @Test
    void answersOnlyTheRequestedFieldsOfPaidOrders() throws Exception {
        String unpaid = sim.book().create().orderId;
        String paid = sim.book().create().orderId;
        sim.book().pay(unpaid);
        sim.book().pay(paid);
        JsonNode detail = call(signed("jingdong.pop.order.get", "{\"optional_fields\":\"orderId,orderState\",\"order_id\":\""
                + paid + "\"}")).path("jingdong_pop_order_get_responce").path("orderDetailInfo");
        assertEquals(true, detail.path("apiResult").path("success").asBoolean());
        assertEquals(2, detail.path("orderInfo").size());
        assertTrue(detail.path("orderInfo").path("orderState").asText().matches("WAIT_SELLER_STOCK_OUT|LOCKED"));
    }

    @Test
    void logisticsCompaniesAnswerUnderThe360buyKeyWithJdIds() throws Exception {
        JsonNode r = call(signed("360buy.delivery.logistics.get", "{}"));
        JsonNode body = r.get("delivery_logistics_get_response");
        assertEquals("0", body.path("code").asText());
        JsonNode list = body.path("logistics_companies").path("logistics_list");
        assertEquals(JdSimCarriers.COMPANIES.size(), list.size());
        Map<String, Long> ids = new TreeMap<>();
        list.forEach(n -> ids.put(n.path("logistics_name").asText(), n.path("logistics_id").asLong()));
        assertEquals(467L, ids.get("顺丰快递"));
        assertEquals(1499L, ids.get("中通速递"));
        assertEquals(463L, ids.get("圆通快递"));
        assertEquals(470L, ids.get("申通快递"));
        assertTrue(body.path("logistics_companies").path("vender_id").isIntegralNumber());
        JsonNode only = call(signed("360buy.delivery.logistics.get", "{\"optional_fields\":\"logistics_id\"}"))
                .path("delivery_logistics_get_response").path("logistics_companies").path("logistics_list").get(0);
        assertEquals(1, only.size());
        JsonNode bad = call(signed("360buy.delivery.logistics.get", "{\"optional_fields\":\"nope\"}"))
                .path("delivery_logistics_get_response");
        assertTrue(!"0".equals(bad.path("code").asText()), bad.toString());
    }

    @Test
    void shipmentTakesOnlyAnIdOfTheMerchantsCompanies() throws Exception {
        String id = sim.book().create().orderId;
        sim.book().pay(id);
        for (String notOnList : new String[] { "ZTO", "9999", "-1000", "1499|9999" }) {
            JsonNode result = call(signed("jingdong.pop.order.shipment", "{\"logiCoprId\":\"" + notOnList
                    + "\",\"logiNo\":\"75312345678901\",\"orderId\":" + id + "}"))
                    .path("jingdong_pop_order_shipment_responce").path("sopjosshipment_result");
            assertEquals(false, result.path("success").asBoolean(true), notOnList);
            assertEquals("10400002", result.path("errorCode").asText(), notOnList);
        }
        assertEquals(List.of(), sim.shipments());
        JsonNode ok = call(signed("jingdong.pop.order.shipment", "{\"logiCoprId\":\"467\",\"logiNo\":\"SF1234567890\","
                + "\"orderId\":" + id + "}")).path("jingdong_pop_order_shipment_responce").path("sopjosshipment_result");
        assertEquals(true, ok.path("success").asBoolean());
        assertEquals(Optional.of("467"), sim.shippedCarrier(id));
    }

    @Test
    void skuSearchPagesTheShopsSkusWithinJdsLimits() throws Exception {
        JsonNode page = call(signed("jingdong.sku.read.searchSkuList", "{\"pageNo\":2,\"page_size\":3}"))
                .path("jingdong_sku_read_searchSkuList_responce").path("page");
        assertEquals(7, page.path("totalItem").asInt());
        assertEquals(3, page.path("data").size());
        JsonNode first = page.path("data").get(0);
        assertTrue(first.path("skuId").isIntegralNumber() && first.path("wareId").isIntegralNumber(), first.toString());
        assertEquals(Set.of("status", "jdPrice", "skuId", "wareId", "outerId"), fieldNames(first));
        JsonNode past = call(signed("jingdong.sku.read.searchSkuList", "{\"pageNo\":9,\"page_size\":3}"))
                .path("jingdong_sku_read_searchSkuList_responce").path("page");
        assertEquals(0, past.path("data").size());
        assertEquals(7, past.path("totalItem").asInt());
        JsonNode onlyTwo = call(signed("jingdong.sku.read.searchSkuList", "{\"field\":\"skuId,outerId\",\"skuId\":\""
                + sim.book().listings().get(0).skuId() + "\"}")).path("jingdong_sku_read_searchSkuList_responce")
                .path("page").path("data");
        assertEquals(1, onlyTwo.size());
        assertEquals("CUP-WHITE", onlyTwo.get(0).path("outerId").asText());
        for (String bad : new String[] { "{\"page_size\":51}", "{\"page_size\":0}", "{\"pageNo\":0}",
                "{\"pageNo\":\"x\"}", "{\"pageSize\":10}", "{\"skuStatuValue\":[3]}", "{\"field\":\"nope\"}",
                "{\"wareId\":\"1,2,3,4,5,6,7,8,9,10,11\"}" }) {
            JsonNode body = call(signed("jingdong.sku.read.searchSkuList", bad))
                    .path("jingdong_sku_read_searchSkuList_responce");
            assertTrue(!"0".equals(body.path("code").asText()) && body.has("error_description"), bad + " -> " + body);
            assertTrue(body.path("page").isMissingNode(), bad);
        }
    }

    private static Set<String> fieldNames(JsonNode n) {
        Set<String> out = new TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void refreshEndpointRotatesTokens() throws Exception {
        String q = "app_key=ak&app_secret=sec&grant_type=refresh_token&refresh_token=" + sim.refreshToken();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/oauth2/refresh_token?" + q))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        JsonNode t = JSON.readTree(r.body());
        assertTrue(t.path("access_token").asText().startsWith("jdsim-at-"));
        assertEquals(86400, t.path("expires_in").asLong());
        r = http.send(HttpRequest.newBuilder(URI.create(sim.oauthUrl() + "/oauth2/refresh_token?" + q)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(JSON.readTree(r.body()).path("code").asInt() != 0, "a used refresh token is spent");
    }
}
