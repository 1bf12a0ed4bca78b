package org.ordertower.sim.cainiao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.TopSigning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator's strictness, by raw HTTP calls signed here. */
class CainiaoSimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void refusesAStaleTimestampAMissingSignatureAndAnUnknownMethod() throws Exception {
        try (CainiaoSimulator sim = CainiaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of()))) {
            assertEquals(31, error(call(sim, "cainiao.waybill.ii.search", Map.of(), Instant.now().minusSeconds(11 * 60), true)).path("code").asInt());
            assertEquals(24, error(call(sim, "cainiao.waybill.ii.search", Map.of(), Instant.now(), false)).path("code").asInt());
            assertEquals(22, error(call(sim, "cainiao.waybill.ii.print", Map.of(), Instant.now(), true)).path("code").asInt());
            assertTrue(call(sim, "cainiao.waybill.ii.search", Map.of(), Instant.now(), true).has("cainiao_waybill_ii_search_response"));
            assertEquals(3, sim.calls().stream().filter(c -> "cainiao.waybill.ii.search".equals(c.param("method"))).count());
        }
    }

    @Test
    void refusesMalformedApplyParametersByName() throws Exception {
        try (CainiaoSimulator sim = CainiaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of()))) {
            JsonNode e = error(call(sim, "cainiao.waybill.ii.get", Map.of("param_waybill_cloud_print_apply_new_request", "{\"cp_code\":"),
                    Instant.now(), true));
            assertEquals("isv.invalid-parameter:param_waybill_cloud_print_apply_new_request", e.path("sub_code").asText());
            e = error(call(sim, "cainiao.waybill.ii.get", Map.of("param_waybill_cloud_print_apply_new_request", "{\"cp_code\":\"SF\"}"),
                    Instant.now(), true));
            assertEquals("isv.missing-parameter:sender", e.path("sub_code").asText());
            e = error(call(sim, "taobao.logistics.trace.get", Map.of("tid", "abc"), Instant.now(), true));
            assertEquals("isv.invalid-parameter:tid", e.path("sub_code").asText());
        }
    }

    @Test
    void numbersAreDeterministicBySeed() {
        String a;
        String b;
        try (CainiaoSimulator one = CainiaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("seed", "7")));
                CainiaoSimulator two = CainiaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("seed", "7")))) {
            a = apply(one);
            b = apply(two);
        }
        assertEquals(a, b);
        assertTrue(a.matches("YT9\\d{12}"), a);
    }

    private static String apply(CainiaoSimulator sim) {
        String param = "{\"cp_code\":\"YTO\",\"sender\":{\"name\":\"仓\",\"mobile\":\"13800000000\",\"address\":{\"province\":\"浙江省\","
                + "\"city\":\"杭州市\",\"detail\":\"文一西路969号\"}},\"trade_order_info_dtos\":[{\"object_id\":\"1\",\"order_info\":"
                + "{\"order_channels_type\":\"OTHERS\",\"trade_order_list\":[\"9\"]},\"package_info\":{\"items\":[{\"name\":\"杯\",\"count\":1}]},"
                + "\"recipient\":{\"name\":\"李\",\"mobile\":\"13900000000\",\"address\":{\"province\":\"广东省\",\"city\":\"广州市\","
                + "\"district\":\"天河区\",\"detail\":\"天河路1号\"}},\"template_url\":\"http://cloudprint.cainiao.com/template/standard/1\","
                + "\"user_id\":1}]}";
        try {
            JsonNode r = call(sim, "cainiao.waybill.ii.get", Map.of("param_waybill_cloud_print_apply_new_request", param), Instant.now(), true);
            return r.path("cainiao_waybill_ii_get_response").path("modules").path("waybill_cloud_print_response").get(0)
                    .path("waybill_code").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode error(JsonNode root) {
        assertTrue(root.has("error_response"), root.toString());
        return root.get("error_response");
    }

    private static JsonNode call(CainiaoSimulator sim, String method, Map<String, String> business, Instant at, boolean sign)
            throws Exception {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", method);
        p.put("app_key", sim.appKey());
        p.put("session", sim.session());
        p.put("timestamp", TopSigning.TIMESTAMP.format(at));
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.putAll(business);
        if (sign) {
            p.put("sign", TopSigning.signature(sim.appSecret(), p));
        }
        StringJoiner body = new StringJoiner("&");
        p.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return JSON.readTree(r.body());
    }
}
