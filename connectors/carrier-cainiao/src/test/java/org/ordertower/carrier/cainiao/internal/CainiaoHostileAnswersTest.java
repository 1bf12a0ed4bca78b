package org.ordertower.carrier.cainiao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;

/** A gateway that answers what each test tells it to: the connector refuses it with a kind and the field's name. */
class CainiaoHostileAnswersTest {
    private static final String APPLY_OK = "{\"cainiao_waybill_ii_get_response\":{\"modules\":{\"waybill_cloud_print_response\":"
            + "[{\"object_id\":\"H-1\",\"waybill_code\":\"SF1000000000001\",\"print_data\":\"{}\"}]},\"request_id\":\"x\"}}";
    private SimServer server;
    private final AtomicReference<SimResponse> apply = new AtomicReference<>(SimResponse.json(APPLY_OK));
    private final AtomicReference<SimResponse> other = new AtomicReference<>();
    private CainiaoConnector connector;

    @BeforeEach
    void start() {
        server = new SimServer(0).route("/router/rest",
                r -> "cainiao.waybill.ii.get".equals(r.param("method")) ? apply.get() : other.get()).start();
        connector = new CainiaoConnector(new CainiaoSettings("hostile", server.baseUrl() + "/router/rest", "k", "top-secret-value",
                "session-value", "md5", Set.of("SF"), "http://cloudprint.cainiao.com/template/standard/101/605", 1, Duration.ofSeconds(5),
                1000, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A cut answer may hide a waybill Cainiao did issue: retried (the retry gets the same one), never given up. */
    @Test
    void truncatedJsonIsTransientNamingTheResponse() {
        apply.set(SimResponse.json(APPLY_OK.substring(0, 60)));
        PartnerException e = refused(Kind.TRANSIENT);
        assertTrue(e.getMessage().contains("cainiao.waybill.ii.get") && e.getMessage().contains("cainiao_waybill_ii_get_response")
                && e.getMessage().contains("truncated or malformed"), e.getMessage());
    }

    @Test
    void aModuleWithoutWaybillCodeIsPermanentNamingIt() {
        apply.set(SimResponse.json(APPLY_OK.replace("\"waybill_code\":\"SF1000000000001\",", "")));
        assertTrue(refused(Kind.PERMANENT).getMessage().contains("waybill_code"));
    }

    @Test
    void anAnswerWithoutTheParcelIsPermanent() {
        apply.set(SimResponse.json(APPLY_OK.replace("H-1", "someone-else")));
        assertTrue(refused(Kind.PERMANENT).getMessage().contains("object_id"));
    }

    @Test
    void anAnswerWithoutModulesIsPermanent() {
        apply.set(SimResponse.json("{\"cainiao_waybill_ii_get_response\":{\"request_id\":\"x\"}}"));
        assertTrue(refused(Kind.PERMANENT).getMessage().contains("modules"));
    }

    @Test
    void anUnknownTraceActionIsPermanentNamingIt() {
        connector.applyWaybill(SimFixture.parcel("H-1", "SF", "123"));
        other.set(SimResponse.json(trace("TELEPORTED", "2024-05-04 00:23:23")));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.track("SF", "SF1000000000001", null));
        assertEquals(Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("action") && e.getMessage().contains("TELEPORTED"), e.getMessage());
    }

    @Test
    void aMalformedTraceTimeIsPermanentNamingIt() {
        connector.applyWaybill(SimFixture.parcel("H-1", "SF", "123"));
        other.set(SimResponse.json(trace("SIGNED", "yesterday")));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.track("SF", "SF1000000000001", null));
        assertEquals(Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("status_time"), e.getMessage());
    }

    @Test
    void serverTroubleIsTransient() {
        apply.set(new SimResponse(503, "text/html", "<html>busy</html>"));
        assertEquals("503", refused(Kind.TRANSIENT).partnerCode());
        apply.set(SimResponse.json("{\"error_response\":{\"code\":15,\"msg\":\"Remote service error\",\"sub_code\":\"isp.top-remote-connection-timeout\"}}"));
        refused(Kind.TRANSIENT);
    }

    /** A page some proxy answered for the gateway says nothing of what the platform did: retried. */
    @Test
    void anHtmlPageWithStatus200IsTransient() {
        apply.set(new SimResponse(200, "text/html", "<html>login</html>"));
        PartnerException e = refused(Kind.TRANSIENT);
        assertTrue(e.getMessage().contains("cainiao.waybill.ii.get") && e.getMessage().contains("truncated or malformed"),
                e.getMessage());
    }

    @Test
    void aRateLimitTakesTheBanLengthAsTheHint() {
        apply.set(SimResponse.json("{\"error_response\":{\"code\":7,\"msg\":\"App Call Limited\",\"sub_code\":"
                + "\"accesscontrol.limited-by-app-access-count\",\"sub_msg\":\"This ban will last for 12 more seconds\"}}"));
        assertEquals(Duration.ofSeconds(12), refused(Kind.RATE_LIMITED).retryAfter());
    }

    @Test
    void anInvalidSessionIsAuthAndNeverQuotesTheSecrets() {
        apply.set(SimResponse.json("{\"error_response\":{\"code\":27,\"msg\":\"Invalid session\",\"sub_code\":\"invalid-sessionkey\"}}"));
        PartnerException e = refused(Kind.AUTH);
        assertFalse(e.getMessage().contains("top-secret-value") || e.getMessage().contains("session-value"), e.getMessage());
    }

    private PartnerException refused(Kind kind) {
        PartnerException e = assertThrows(PartnerException.class, () -> connector.applyWaybill(SimFixture.parcel("H-1", "SF", "123")));
        assertEquals(kind, e.kind(), e.getMessage());
        return e;
    }

    private static String trace(String action, String time) {
        return "{\"logistics_trace_get_response\":{\"result\":{\"transit_step_result\":[{\"out_sid\":\"SF1000000000001\",\"tid\":123,"
                + "\"status\":\"x\",\"trace_list\":{\"transit_step_info\":[{\"status_time\":\"" + time + "\",\"status_desc\":\"【杭州市】x\","
                + "\"action\":\"" + action + "\"}]}}]}}}";
    }
}
