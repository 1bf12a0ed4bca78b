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
}
