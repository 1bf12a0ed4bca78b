package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimFaultsTest {
    private final AtomicInteger handled = new AtomicInteger();
    private final SimServer server = new SimServer(0).route("/router", r -> {
        handled.incrementAndGet();
        return SimResponse.json("{\"ok\":true}");
    }).route("/other", r -> SimResponse.json("{}")).start();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        server.close();
    }

    private int call(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private long counter(String name) {
        return server.counters().getOrDefault(name, 0L);
    }

    @Test
    void anOutageAnswersEveryCall503WithoutReachingTheHandlerUntilItEnds() throws Exception {
        server.faults().outage(true);
        assertEquals(503, call("/router?method=a.b"));
        assertEquals(503, call("/other"));
        assertEquals(503, call("/nowhere"));
        assertEquals(0, handled.get(), "nothing took effect");
        assertEquals(3, counter("faults.outage"));
        assertEquals(3, server.calls().size(), "the calls are still kept");

        server.faults().outage(false);
        assertEquals(200, call("/router?method=a.b"));
        assertEquals(1, handled.get());
        assertEquals(3, counter("faults.outage"));
    }

    @Test
    void aFailureRateHitsOnlyItsTargetsByMethodOrPathAndAboutThatShare() throws Exception {
        server.faults().failRate(0.2, "taobao.logistics.offline.send");
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            if (call("/router?method=taobao.logistics.offline.send") == 503) {
                failed++;
            }
        }
        assertTrue(failed > 20 && failed < 60, "about 20% of 200: " + failed);
        assertEquals(failed, counter("faults.injected"));
        assertEquals(200 - failed, handled.get());
        for (int i = 0; i < 20; i++) {
            assertEquals(200, call("/router?method=taobao.trade.fullinfo.get"), "another method is never hit");
            assertEquals(200, call("/other"));
        }

        server.faults().failRate(1, "/other");
        assertEquals(503, call("/other"));
        assertEquals(200, call("/router?method=taobao.logistics.offline.send"), "the new targets replace the old");
        server.faults().failRate(1);
        assertEquals(503, call("/router?method=x"), "no targets: every call");
        server.faults().failRate(0);
        assertEquals(200, call("/router?method=x"));
        assertThrows(IllegalArgumentException.class, () -> server.faults().failRate(1.5));
        assertThrows(IllegalArgumentException.class, () -> server.faults().failRate(Double.NaN));
    }

    @Test
    void eachKindFailsItsWayAndOnlyTheSlowAndTruncatedReachTheHandler() throws Exception {
        server.faults().failRate(1, SimFaults.Kind.SERVER_ERROR, "/router");
        assertEquals(500, call("/router"));
        server.faults().failRate(1, SimFaults.Kind.RATE_LIMITED, "/router");
        HttpResponse<String> limited = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/router"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(429, limited.statusCode());
        assertEquals("1", limited.headers().firstValue("Retry-After").orElse(null));
        assertEquals(0, handled.get(), "an error status never reaches the handler");

        server.faults().failRate(1, SimFaults.Kind.TRUNCATED, "/router");
        HttpResponse<String> cut = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/router"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, cut.statusCode());
        assertEquals("{\"ok\"", cut.body(), "the first half of the answer (5 of its 11 characters)");
        assertEquals(1, handled.get(), "the platform did the work");

        server.faults().slowMillis(400);
        server.faults().failRate(1, SimFaults.Kind.SLOW, "/router");
        long t0 = System.nanoTime();
        HttpResponse<String> slow = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/router"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(System.nanoTime() - t0 >= 400_000_000L, "held back");
        assertEquals("{\"ok\":true}", slow.body());
        assertEquals(2, handled.get());
        assertEquals(4, counter("faults.injected"));
        assertThrows(IllegalArgumentException.class, () -> server.faults().slowMillis(-1));
    }

    @Test
    void aSimulatorWithoutControlPathsTakesItsFaultsOverHttpAndABadValueIsA400NamingIt() throws Exception {
        server.faultControl();
        assertEquals(200, call("/_sim/faults?failRate=1&kind=rate-limited&targets=/router"));
        assertEquals(SimFaults.Kind.RATE_LIMITED, server.faults().kind());
        assertEquals(429, call("/router"));
        assertEquals(200, call("/other"), "not a target");
        assertEquals(200, call("/_sim/faults?outage=true"));
        assertEquals(503, call("/other"));
        assertEquals(200, call("/_sim/faults?outage=false&failRate=0"), "the control path is never faulted");
        assertEquals(200, call("/router"));
        HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/_sim/faults?failRate=1&kind=sideways")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("sideways") && bad.body().contains("TRUNCATED"), bad.body());
        assertEquals(400, call("/_sim/faults?failRate=two"));
        assertEquals(400, call("/_sim/faults"));
        assertEquals(405, http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/_sim/faults")).GET().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, server.faults().failRate());
    }
}
