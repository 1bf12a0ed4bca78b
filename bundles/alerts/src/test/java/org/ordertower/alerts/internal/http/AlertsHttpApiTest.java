package org.ordertower.alerts.internal.http;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.alerts.internal.Databases;
import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.dispatch.Dispatcher;
import org.ordertower.alerts.internal.sink.RecordingSink;
import org.ordertower.alerts.internal.store.AlertTable;
import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The REST interface over a real dispatcher on H2. */
class AlertsHttpApiTest {
    private static final Caller ADMIN = new Caller("admin", Set.of("admin"));
    private static final Links LINKS = new Links("http://node1:8181/ordertower/");
    private final ObjectMapper mapper = new ObjectMapper();
    private Databases dbs;

    @AfterEach
    void close() throws Exception {
        if (dbs != null) {
            dbs.close();
        }
    }

    private HttpApi api(Dispatcher d) {
        return api(d, List.of());
    }

    private HttpApi api(Dispatcher d, List<org.ordertower.alerts.internal.sink.Sink> sinks) {
        org.ordertower.alerts.internal.report.DailyReport reports = new org.ordertower.alerts.internal.report.DailyReport(
                dbs.db, sinks, Texts.Language.EN, () -> new org.ordertower.alerts.internal.report.DailyFigures.Services(
                        java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                        java.util.Optional.empty()), "http://node1:8181/ordertower/", "node1", null,
                java.time.ZoneId.of("Asia/Shanghai"), java.time.Clock.systemUTC());
        AlertsHttpApi.View view = new AlertsHttpApi.View() {
            @Override
            public org.ordertower.alerts.internal.report.DailyReport reports() {
                return reports;
            }

            @Override
            public List<AlertTable.Row> newest(Instant afterFirstAt, String afterKey, int limit) throws SQLException {
                return d.newest(afterFirstAt, afterKey, limit);
            }

            @Override
            public List<Dispatcher.SinkResult> test() {
                return d.test(Instant.now());
            }
        };
        return HttpApi.of("alerts", AlertsHttpApi.BASE, AlertsHttpApi.MAX_BODY, new AlertsHttpApi(view, new OrderJson()));
    }

    private JsonNode json(HttpReply r) throws Exception {
        return mapper.readTree(r.body());
    }

    @Test
    void listsTheActiveAlertsNewestFirstAndSendsATestToEverySink() throws Exception {
        dbs = Databases.migrated("h2");
        RecordingSink dingtalk = new RecordingSink("dingtalk");
        RecordingSink mail = new RecordingSink("mail");
        Texts texts = new Texts(Texts.Language.EN);
        Dispatcher d = new Dispatcher(dbs.db, List.of(dingtalk, mail), texts, LINKS, new Dispatcher.Options("node1",
                Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        Instant t0 = Instant.parse("2026-11-11T02:00:00Z");
        d.poll(List.of(new Alert("stuck:P-1", AlertKind.STUCK, Severity.WARNING, "Parcel not moving: P-1", "m1",
                LINKS.order(1), t0)), t0);
        Instant t1 = t0.plusSeconds(30);
        d.poll(List.of(new Alert("stuck:P-1", AlertKind.STUCK, Severity.WARNING, "Parcel not moving: P-1", "m1",
                LINKS.order(1), t1), new Alert("node-down:n2", AlertKind.NODE_DOWN, Severity.CRITICAL, "Node down: n2", "m2",
                LINKS.overview(), t1)), t1);
        HttpApi api = api(d);

        HttpReply list = api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "50"), null, "");
        assertEquals(200, list.status(), list.body());
        JsonNode items = json(list).get("items");
        assertEquals(2, items.size());
        assertEquals("node-down:n2", items.get(0).get("key").asText(), "newest first");
        JsonNode stuck = items.get(1);
        assertEquals("stuck:P-1", stuck.get("key").asText());
        assertEquals("stuck", stuck.get("kind").asText());
        assertEquals("WARNING", stuck.get("severity").asText());
        assertEquals("Parcel not moving: P-1", stuck.get("title").asText());
        assertEquals("m1", stuck.get("message").asText());
        assertEquals("http://node1:8181/ordertower/#/orders/1", stuck.get("link").asText());
        assertEquals("2026-11-11T02:00:00Z", stuck.get("firstAt").asText());
        assertEquals("2026-11-11T02:00:30Z", stuck.get("lastSeenAt").asText());
        assertEquals("2026-11-11T02:00:00Z", stuck.get("lastSentAt").asText());
        assertEquals(1, stuck.get("suppressed").asInt());
        assertEquals(2, stuck.get("total").asInt());
        assertEquals(1, json(api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "1"), null, "")).get("items").size());

        mail.failNext.set(1);
        HttpReply test = api.handle(ADMIN, "POST", "/api/v1/alerts/test", Map.of(), null, "");
        assertEquals(200, test.status(), test.body());
        assertEquals(mapper.readTree("{\"sinks\":[{\"sink\":\"dingtalk\",\"ok\":true},"
                + "{\"sink\":\"mail\",\"ok\":false,\"error\":\"refused for the test\"}]}"), json(test));
        assertEquals("OrderTower test alert", dingtalk.delivered.get(dingtalk.delivered.size() - 1).title());
    }

    @Test
    void aDaysReportIsShownAsFiguresAndAPngAndSentToEverySinkOnRequest() throws Exception {
        dbs = Databases.migrated("h2");
        RecordingSink wecom = new RecordingSink("wecom");
        Dispatcher d = new Dispatcher(dbs.db, List.of(wecom), new Texts(Texts.Language.EN), LINKS, new Dispatcher.Options("n",
                Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        HttpApi api = api(d, List.of(wecom));
        HttpReply shown = api.handle(ADMIN, "GET", "/api/v1/alerts/report", Map.of("date", "2026-12-01"), null, "");
        assertEquals(200, shown.status(), shown.body());
        JsonNode r = json(shown);
        assertEquals("2026-12-01", r.get("date").asText());
        assertEquals("Asia/Shanghai", r.get("zone").asText());
        assertEquals(0, r.at("/figures/orders").asLong(), "no order service installed");
        assertEquals(-1, r.at("/figures/failedCalls").asLong(), "no fulfilment installed: not counted");
        byte[] png = java.util.Base64.getDecoder().decode(r.get("png").asText());
        assertEquals(1080, javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png)).getWidth());
        assertTrue(r.get("summary").asText().startsWith("OrderTower daily report 2026-12-01"), r.get("summary").asText());

        HttpReply sent = api.handle(ADMIN, "POST", "/api/v1/alerts/report/send", Map.of("date", "2026-12-01"), null, "");
        assertEquals(200, sent.status(), sent.body());
        assertEquals(mapper.readTree("{\"date\":\"2026-12-01\",\"sinks\":[{\"sink\":\"wecom\",\"ok\":true}]}"), json(sent));
        assertEquals(java.time.LocalDate.of(2026, 12, 1), wecom.reports.get(0).date());

        for (String bad : List.of("2026-13-01", "yesterday", "2999-01-01", "2020-01-01")) {
            HttpReply refused = api.handle(ADMIN, "GET", "/api/v1/alerts/report", Map.of("date", bad), null, "");
            assertEquals(400, refused.status(), bad + ": " + refused.body());
        }
        assertEquals(405, api.handle(ADMIN, "GET", "/api/v1/alerts/report/send", Map.of(), null, "").status());
        assertEquals(405, api.handle(ADMIN, "POST", "/api/v1/alerts/report", Map.of(), null, "").status());
        assertEquals(1, wecom.reports.size(), "refusals send nothing");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = { "h2", "postgres" })
    void theAlertsPageNewestFirstByFirstSightingThenKeyEveryOneOnce(String kind) throws Exception {
        dbs = Databases.migrated(kind);
        Dispatcher d = new Dispatcher(dbs.db, List.of(), new Texts(Texts.Language.EN), LINKS, new Dispatcher.Options("n",
                Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        HttpApi api = api(d);
        assertEquals(List.of(), walk(api, 2), "none: one empty last page");
        // three polls; the alerts first seen in one poll share their first sighting, so the key orders them
        Instant t0 = Instant.parse("2026-11-11T02:00:00Z");
        List<Alert> seen = new java.util.ArrayList<>();
        String[][] polls = { { "stuck:P-3", "stuck:P-1", "stuck:P-2" }, { "node-down:n2", "stuck:P-9" },
                { "stuck:P-4", "failed:7" } };
        for (int p = 0; p < polls.length; p++) {
            Instant at = t0.plusSeconds(30L * p);
            for (String key : polls[p]) {
                seen.add(new Alert(key, AlertKind.STUCK, Severity.WARNING, "t " + key, "m", LINKS.order(1), at));
            }
            List<Alert> now = new java.util.ArrayList<>();
            for (Alert a : seen) { // every alert seen so far is still there
                now.add(new Alert(a.key(), a.kind(), a.severity(), a.title(), a.message(), a.link(), at));
            }
            d.poll(now, at);
        }
        List<String> expected = List.of("failed:7", "stuck:P-4", "node-down:n2", "stuck:P-9", "stuck:P-1", "stuck:P-2",
                "stuck:P-3");
        for (int limit : new int[] { 1, 2, 3, 7, 500 }) {
            assertEquals(expected, walk(api, limit), "limit " + limit);
        }
        JsonNode first = json(api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "4"), null, ""));
        assertEquals("2026-11-11T02:00:30Z", first.get("items").get(3).get("firstAt").asText());
        assertTrue(first.get("next").asText().matches("[A-Za-z0-9_-]+"), "safe in a query as it is: " + first);
        JsonNode rest = json(api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("after", first.get("next").asText()), null,
                ""));
        assertEquals(3, rest.get("items").size());
        assertEquals("stuck:P-1", rest.get("items").get(0).get("key").asText());
        assertTrue(rest.get("next").isNull());
    }

    /** Every page of the alerts with {@code limit}: the keys in order, each page checked. */
    private List<String> walk(HttpApi api, int limit) throws Exception {
        List<String> keys = new java.util.ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, String> q = after == null ? Map.of("limit", String.valueOf(limit))
                    : Map.of("limit", String.valueOf(limit), "after", after);
            HttpReply r = api.handle(ADMIN, "GET", "/api/v1/alerts", q, null, "");
            assertEquals(200, r.status(), r.body());
            JsonNode page = json(r);
            int before = keys.size();
            page.get("items").forEach(i -> keys.add(i.get("key").asText()));
            assertTrue(page.has("next"), r.body());
            after = page.get("next").isNull() ? null : page.get("next").asText();
            assertTrue(after == null ? keys.size() - before <= limit : keys.size() - before == limit, r.body());
        } while (after != null && ++pages < 50);
        return keys;
    }

    @Test
    void badRequestsGetClearErrors() throws Exception {
        dbs = Databases.migrated("h2");
        Dispatcher d = new Dispatcher(dbs.db, List.of(), new Texts(Texts.Language.EN), LINKS, new Dispatcher.Options("n",
                Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        HttpApi api = api(d);
        HttpReply r = api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "0"), null, "");
        assertEquals(400, r.status());
        assertEquals("limit must be 1..500, was 0", json(r).get("error").asText());
        assertEquals("limit must be 1..500, was 501",
                json(api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "501"), null, "")).get("error").asText());
        for (String bad : List.of("stuck:P-1", "MjAyNg", org.ordertower.core.spi.http.QueryParams.cursor("yesterday", "k"))) {
            HttpReply b = api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("after", bad), null, "");
            assertEquals(400, b.status(), bad);
            assertTrue(json(b).get("error").asText().startsWith("after must be the next cursor of the previous page"),
                    b.body());
        }
        assertEquals(400, api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "x"), null, "").status());
        HttpReply wrongMethod = api.handle(ADMIN, "DELETE", "/api/v1/alerts", Map.of(), null, "");
        assertEquals(405, wrongMethod.status());
        assertEquals("GET", wrongMethod.headers().get("Allow"));
        assertEquals(405, api.handle(ADMIN, "GET", "/api/v1/alerts/test", Map.of(), null, "").status());
        assertEquals(404, api.handle(ADMIN, "GET", "/api/v1/alerts/nope", Map.of(), null, "").status());
        HttpReply none = api.handle(ADMIN, "POST", "/api/v1/alerts/test", Map.of(), null, "");
        assertEquals("{\"sinks\":[]}", none.body(), "no sink configured");
        dbs.close();
        dbs = null;
        assertEquals(503, api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of(), null, "").status());
    }
}
