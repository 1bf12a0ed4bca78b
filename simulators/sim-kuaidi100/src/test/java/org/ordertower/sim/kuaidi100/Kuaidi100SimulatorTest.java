package org.ordertower.sim.kuaidi100;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kuaidi100.Kuaidi100SimJourney.Scenario;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Forms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The simulator's strictness, spoken to in raw HTTP: every refusal in Kuaidi100's shape and code. */
class Kuaidi100SimulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Kuaidi100Simulator sim = Kuaidi100Simulator.start(new SimulatorOptions(0, 0, false, Map.of()));

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode post(String path, Map<String, String> form) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(sim.gatewayUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form), StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode subscribe(String param) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("schema", "json");
        f.put("param", param);
        return post("/poll", f);
    }

    private JsonNode query(String customer, String param, String key) throws Exception {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("customer", customer);
        f.put("sign", Digests.md5Hex(param + key + customer).toUpperCase());
        f.put("param", param);
        return post("/poll/query.do", f);
    }

    private static void refused(JsonNode answer, String code) {
        assertEquals(false, answer.get("result").asBoolean(), answer.toString());
        assertEquals(code, answer.get("returnCode").asText(), answer.toString());
        assertTrue(answer.get("message").asText().length() > 0);
    }

    private String sub(String company, String number, String parameters) {
        return "{\"company\":\"" + company + "\",\"number\":\"" + number + "\",\"key\":\"" + sim.key() + "\",\"parameters\":"
                + parameters + "}";
    }

    @Test
    void subscribeIsStrict() throws Exception {
        String ok = "{\"callbackurl\":\"http://127.0.0.1:9/cb\",\"salt\":\"s\",\"resultv2\":\"4\"}";
        JsonNode a = subscribe(sub("yuantong", "YT1234567890", ok));
        assertEquals("200", a.get("returnCode").asText());
        assertEquals(true, a.get("result").asBoolean());
        refused(subscribe(sub("yuantong", "YT1234567890", ok)), "501");
        refused(subscribe(sub("yuantong", "YT1234567890", ok).replace(sim.key(), "wrong")), "600");
        refused(subscribe(sub("ups", "YT1234567891", ok)), "700");
        refused(subscribe(sub("yuantong", "12345", ok)), "700");
        refused(subscribe(sub("yuantong", "YT1234567892", "{\"salt\":\"s\"}")), "700");
        refused(subscribe(sub("yuantong", "YT1234567893", "{\"callbackurl\":\"not a url\"}")), "700");
        refused(subscribe(sub("shunfeng", "SF1234567894", ok)), "700");
        refused(subscribe("{\"company\":\"yuantong\","), "700");
        assertEquals(1, sim.subscriptions().size());
    }

    @Test
    void aNumberCanBeSubscribedFourTimesAMonth() throws Exception {
        String p = sub("yunda", "4300000000001", "{\"callbackurl\":\"http://127.0.0.1:9/cb\",\"salt\":\"s\"}");
        sim.force("yunda", "4300000000001", Scenario.NO_RECORD);
        for (int i = 0; i < 4; i++) {
            assertEquals("200", subscribe(p).get("returnCode").asText(), "subscription " + (i + 1));
            sim.advance(Duration.ofDays(4)); // aborted: "3天查询无记录", so it may be subscribed again
            assertEquals("abort", sim.subscriptions().get(i).status());
        }
        refused(subscribe(p), "501");
    }

    @Test
    void queryIsStrict() throws Exception {
        sim.seed("yuantong", "YT7530122849021", Scenario.DELIVERED, sim.clock().instant().minus(Duration.ofDays(1)), null);
        String p = "{\"com\":\"yuantong\",\"num\":\"YT7530122849021\",\"resultv2\":\"1\"}";
        JsonNode ok = query(sim.customer(), p, sim.key());
        assertEquals("YT7530122849021", ok.get("nu").asText());
        JsonNode newest = ok.get("data").get(0);
        assertTrue(newest.get("ftime").asText().compareTo(ok.get("data").get(1).get("ftime").asText()) >= 0, "desc by default");
        assertTrue(newest.has("status") && !newest.has("statusCode"), "resultv2=1 gives names only");
        refused(query(sim.customer(), p, "wrong-key"), "503");
        refused(query("SOMEONE", p, sim.key()), "503");
        refused(query(sim.customer(), "{\"com\":\"yuantong\"", sim.key()), "400");
        refused(query(sim.customer(), "{\"com\":\"nope\",\"num\":\"YT7530122849021\"}", sim.key()), "400");
        refused(query(sim.customer(), "{\"com\":\"yuantong\",\"num\":\"YT0000000000\"}", sim.key()), "500");
        refused(query(sim.customer(), "{\"com\":\"shunfeng\",\"num\":\"SF0000000000\"}", sim.key()), "408");
        refused(post("/poll/query.do", Map.of("customer", sim.customer(), "param", p)), "400");
        assertTrue(sim.counters().get("badSignatures") >= 2);
    }
}
