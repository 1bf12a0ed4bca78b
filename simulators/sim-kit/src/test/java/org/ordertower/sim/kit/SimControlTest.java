package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;

/**
 * The control paths over real HTTP: the book as JSON with its anomaly labels and tracking, the rate, the anomaly share
 * and the faults; a bad value is a 400, and an outage the drill started never blocks the control path that ends it.
 */
class SimControlTest {
    /** The smallest platform: a ping path, so faults have something to refuse. */
    static final class Tiny extends SimChannelSimulator {
        Tiny() {
            super("tiny", 0, new SimOrderBook(Clock.systemUTC(), 3, "tiny-shop", 100, FakeData.listings(9000)));
            server().route("/ping", r -> SimResponse.json("{\"pong\":true}"));
        }

        @Override
        public Map<String, String> shopConfiguration() {
            return Map.of();
        }

        @Override
        public String gatewayUrl() {
            return server().baseUrl();
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final Tiny sim = SimChannelSimulator.begin(new Tiny(), new SimulatorOptions(0, 0, false, Map.of("anomalies", "0.5")));

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void theBookCarriesEveryOrderWithItsLabelAndTracking() throws Exception {
        for (int i = 0; i < 200; i++) {
            sim.book().create();
        }
        SimOrder first = sim.book().all().get(0);
        sim.book().pay(first.orderId);
        sim.book().ship(first.orderId, java.util.List.of(), "SF", "SF1");
        HttpResponse<String> r = get("/_sim/book");
        assertEquals(200, r.statusCode());
        long labelled = sim.book().all().stream().filter(o -> o.anomaly != null).count();
        assertTrue(labelled > 50, "the anomalies setting took: " + labelled);
        assertEquals(200, count(r.body(), "\"id\":"));
        assertEquals(200 - labelled, count(r.body(), "\"anomaly\":null"));
        assertTrue(r.body().contains("{\"id\":\"" + first.orderId + "\""), r.body().substring(0, 300));
        assertEquals(1, count(r.body(), "\"shipped\":\"20"), "one order shipped, with its time");
        long paid = sim.book().all().stream().filter(o -> o.paidAt != null).count();
        assertEquals("{\"orders\":200,\"paid\":" + paid + ",\"tracked\":1,\"labelled\":" + labelled
                + ",\"blacklisted\":[\"b-blacklisted-1\",\"b-blacklisted-2\",\"b-blacklisted-3\"]}",
                get("/_sim/summary").body());
    }

    @Test
    void rateAnomaliesAndFaultsAreSetOverHttp() throws Exception {
        assertEquals(200, post("/_sim/anomalies?share=0").statusCode());
        for (int i = 0; i < 50; i++) {
            assertEquals(null, sim.book().create().anomaly);
        }
        assertEquals(400, post("/_sim/anomalies?share=2").statusCode());
        assertEquals(400, post("/_sim/rate?perMinute=lots").statusCode());
        assertEquals(200, post("/_sim/rate?perMinute=0&peak=false").statusCode());
        assertEquals(200, post("/_sim/faults?outage=true").statusCode());
        assertEquals(503, get("/ping").statusCode(), "the platform is down");
        assertEquals(200, get("/_sim/book").statusCode(), "the control path is not");
        assertEquals(200, post("/_sim/faults?outage=false").statusCode());
        assertEquals(200, get("/ping").statusCode());
        assertEquals(400, post("/_sim/faults").statusCode());
        assertEquals(404, post("/_sim/nothing").statusCode());
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.server().baseUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sim.server().baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
