package org.ordertower.sim.douyin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The simulator's own strictness, over raw HTTP: each refusal in the platform's code and envelope. Requests are signed
 * with this test's own arithmetic (the SDKs' pattern, HMAC-SHA256), not with the connector's signer.
 */
class DouyinSimulatorTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final DouyinSimulator sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, Map.of()));
    private final String token = sim.issueToken().get("access_token");
    private final String key = DouyinSimSettings.DEFAULT_APP_KEY;
    private final String secret = DouyinSimSettings.DEFAULT_APP_SECRET;

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode call(String method, String path, String paramJson, String timestamp, String accessToken) throws Exception {
        String sign = hmacSha256(secret, secret + "app_key" + key + "method" + method + "param_json" + paramJson + "timestamp"
                + timestamp + "v2" + secret);
        String url = sim.gatewayUrl() + path + "?app_key=" + key + "&method=" + method + "&v=2&sign_method=hmac-sha256&timestamp="
                + URLEncoder.encode(timestamp, StandardCharsets.UTF_8) + "&sign=" + sign
                + (accessToken == null ? "" : "&access_token=" + accessToken);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(paramJson)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return MAPPER.readTree(r.body());
    }

    private static String hmacSha256(String secret, String text) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode call(String method, String paramJson) throws Exception {
        return call(method, "/" + method.replace('.', '/'), paramJson, String.valueOf(Instant.now().getEpochSecond()), token);
    }

    private static void refused(JsonNode r, long code, String subCode) {
        assertEquals(code, r.path("code").asLong(), r.toString());
        assertEquals(subCode, r.path("sub_code").asText(), r.toString());
    }

    @Test
    void answersInTheEnvelopeAndRefusesLikeThePlatform() throws Exception {
        JsonNode ok = call("order.searchList", "{\"page\":0,\"size\":100}");
        assertEquals(10000, ok.path("code").asLong());
        assertEquals("success", ok.path("msg").asText());
        assertEquals(0, ok.path("data").path("total").asLong());
        refused(call("order.searchList", "{\"size\":101}"), 40003, "isv.parameter-invalid");
        refused(call("order.searchList", "{\"update_time_start\":20,\"update_time_end\":10}"), 40003, "isv.parameter-invalid");
        refused(call("order.nothing", "{}"), 70000, "isp.api-service-off");
        refused(call("order.orderDetail", "{}"), 40001, "isv.parameter-missing");
        refused(call("order.orderDetail", "/order/searchList", "{}", String.valueOf(Instant.now().getEpochSecond()), token), 40003,
                "isv.parameter-invalid");
        refused(call("order.orderDetail", "/order/orderDetail", "{\"shop_order_id\":\"1\"}",
                String.valueOf(Instant.now().minusSeconds(3600).getEpochSecond()), token), 40003, "isv.timestamp-invalid");
        refused(call("order.orderDetail", "/order/orderDetail", "{\"shop_order_id\":\"1\"}", "2020-01-01 08:00:00", token), 40003,
                "isv.timestamp-invalid");
        refused(call("order.orderDetail", "/order/orderDetail", "{}", String.valueOf(Instant.now().getEpochSecond()), null), 40001,
                "isv.access-token-missing");
        refused(call("order.orderDetail", "/order/orderDetail", "{}", String.valueOf(Instant.now().getEpochSecond()), "nope"), 40003,
                "isv.access-token-no-existed");
        refused(call("order.batchDecrypt", "{\"cipher_infos\":[]}"), 40001, "isv.parameter-missing");
    }

    @Test
    void acceptsTheDocTableTimestampFormInBeijingTime() throws Exception {
        String ts = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai"))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        assertEquals(10000, call("order.searchList", "/order/searchList", "{}", ts, token).path("code").asLong());
    }

    @Test
    void servesTheCatalogWithThePlatformsPagingAndRefusesWhatThePlatformRefuses() throws Exception {
        JsonNode companies = call("order.logisticsCompanyList", "{}");
        assertEquals(10000, companies.path("code").asLong(), companies.toString());
        assertEquals("zhongtong", companies.path("data").get(1).path("code").asText());
        assertEquals("中通快递", companies.path("data").get(1).path("name").asText());

        JsonNode page = call("product.listV2", "{\"page\":2,\"size\":4,\"status\":0}");
        assertEquals(6, page.path("data").path("total").asLong());
        assertEquals(2, page.path("data").path("data").size(), "products 5 and 6 of 6");
        assertEquals(0, call("product.listV2", "{\"page\":1,\"size\":4,\"status\":1}").path("data").path("data").size(),
                "nothing is off sale");
        refused(call("product.listV2", "{\"page\":0,\"size\":10}"), 40003, "isv.parameter-invalid");
        refused(call("product.listV2", "{\"page\":1,\"size\":101}"), 40003, "isv.parameter-invalid");
        refused(call("product.listV2", "{\"page\":101,\"size\":100}"), 40003, "isv.parameter-invalid");
        refused(call("product.listV2", "{\"page\":1,\"size\":10,\"status\":7}"), 40003, "isv.parameter-invalid");

        String product = sim.book().listings().get(0).itemId();
        JsonNode skus = call("sku.list", "{\"product_id\":" + product + "}");
        assertEquals(2, skus.path("data").size());
        assertEquals("CUP-WHITE", skus.path("data").get(0).path("code").asText());
        assertEquals(100, skus.path("data").get(0).path("stock_num").asLong());
        refused(call("sku.list", "{}"), 40001, "isv.parameter-missing");
        refused(call("sku.list", "{\"product_id\":123}"), 40004, "isv.parameter-invalid");

        String sku = sim.book().listings().get(0).skuId();
        JsonNode set = call("sku.syncStock", "{\"product_id\":" + product + ",\"sku_id\":" + sku + ",\"stock_num\":3}");
        assertEquals(10000, set.path("code").asLong(), set.toString());
        assertEquals(3, sim.quantityOf(product, sku));
        refused(call("sku.syncStock", "{\"product_id\":" + sim.book().listings().get(2).itemId() + ",\"sku_id\":" + sku
                + ",\"stock_num\":3}"), 50002, "isv.business-failed");
        refused(call("sku.syncStock", "{\"sku_id\":99,\"stock_num\":3}"), 50002, "isv.business-failed");
    }

    @Test
    void shipTakesOnlyACompanyCodeOfItsList() throws Exception {
        String order = sim.book().create(Instant.now().minusSeconds(60)).orderId;
        sim.book().pay(order);
        refused(call("order.logisticsAdd", "{\"order_id\":\"" + order + "\",\"company_code\":\"ZTO\",\"logistics_code\":\"Z1\"}"),
                40004, "isv.parameter-invalid");
        refused(call("order.logisticsAdd", "{\"order_id\":\"" + order + "\",\"logistics_id\":7,\"logistics_code\":\"Z1\"}"),
                40001, "isv.parameter-missing");
        assertEquals(java.util.Optional.empty(), sim.shippedWith(order));
        JsonNode ok = call("order.logisticsAdd", "{\"order_id\":\"" + order + "\",\"company_code\":\"jtexpress\",\"logistics_code\":\"JT1\"}");
        assertEquals(10000, ok.path("code").asLong(), ok.toString());
        assertEquals(java.util.Optional.of("jtexpress"), sim.shippedWith(order));
    }
}
