package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimTopGatewayTest {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("GMT+8"));
    private final Clock clock = Clock.systemUTC();
    private final SimServer server = new SimServer(0);
    private final SimTopGateway gateway = new SimTopGateway("12345678", "helloworld", 100, clock, server);

    @AfterEach
    void close() {
        server.close();
    }

    private SimRequest call(String method, String session, Map<String, String> params) {
        Map<String, String> p = new HashMap<>(params);
        p.put("method", method);
        p.put("app_key", "12345678");
        p.put("timestamp", TIME.format(clock.instant()));
        p.put("v", "2.0");
        p.put("format", "json");
        p.put("sign_method", "md5");
        if (session != null) {
            p.put("session", session);
        }
        p.put("sign", SimTopSigner.expected("helloworld", p));
        return new SimRequest("POST", "/router/rest", Map.of(), Map.of(), "", p, clock.instant());
    }

    private SimResponse serve(SimRequest r) {
        return gateway.serve(r, Set.of("taobao.a.get", "cainiao.b.get")::contains, m -> m.startsWith("taobao."),
                s -> "good".equals(s) ? SimTopGateway.Session.VALID
                        : "old".equals(s) ? SimTopGateway.Session.EXPIRED : SimTopGateway.Session.UNKNOWN,
                (method, p) -> "{\"n\":" + SimTopGateway.required(p, "n") + "}");
    }

    @Test
    void answersAMethodInTopsEnvelopeWithARequestId() {
        String body = serve(call("taobao.a.get", "good", Map.of("n", "7"))).body();
        assertTrue(body.matches("\\{\"a_get_response\":\\{\"n\":7,\"request_id\":\"[0-9a-f]{13}\"}}"), body);
        body = serve(call("cainiao.b.get", null, Map.of("n", "8"))).body();
        assertTrue(body.startsWith("{\"cainiao_b_get_response\":{\"n\":8,\"request_id\":\""), body);
    }

    @Test
    void refusesAsTopDoesAndCountsTheCodes() {
        String expired = serve(call("taobao.a.get", "old", Map.of("n", "7"))).body();
        assertTrue(expired.startsWith("{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\",\"sub_code\":\"session-expired\""),
                expired);
        String missing = serve(call("taobao.a.get", "good", Map.of())).body();
        assertTrue(missing.contains("\"code\":40") && missing.contains("isv.missing-parameter:n"), missing);
        SimRequest tampered = call("taobao.a.get", "good", Map.of("n", "7"));
        Map<String, String> p = new HashMap<>(tampered.form());
        p.put("n", "8");
        String badSign = serve(new SimRequest("POST", "/router/rest", Map.of(), Map.of(), "", p, clock.instant())).body();
        assertTrue(badSign.contains("\"code\":25"), badSign);
        assertEquals(1L, server.counters().get("errors.27"));
        assertEquals(1L, server.counters().get("errors.40"));
        assertEquals(1L, server.counters().get("errors.25"));
        assertEquals(1L, server.counters().get("auth.badSignature"));
    }

    @Test
    void theEnvelopeTakesAnEmptyAnswerAndRefusesWhatIsNotAnObject() {
        assertEquals("{\"x_get_response\":{\"request_id\":\"r1\"}}", SimTopGateway.envelope("taobao.x.get", "{}", "r1"));
        assertEquals("{\"x_get_response\":{\"a\":{\"b\":1},\"request_id\":\"r1\"}}",
                SimTopGateway.envelope("taobao.x.get", "{\"a\":{\"b\":1}}", "r1"));
        assertThrows(IllegalArgumentException.class, () -> SimTopGateway.envelope("taobao.x.get", "[]", "r1"));
    }
}
