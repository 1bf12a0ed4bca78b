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
            public List<AlertTable.Row> newest(int limit) throws SQLException {
                return d.newest(limit);
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

    @Test
    void badRequestsGetClearErrors() throws Exception {
        dbs = Databases.migrated("h2");
        Dispatcher d = new Dispatcher(dbs.db, List.of(), new Texts(Texts.Language.EN), LINKS, new Dispatcher.Options("n",
                Duration.ofSeconds(30), Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        HttpApi api = api(d);
        HttpReply r = api.handle(ADMIN, "GET", "/api/v1/alerts", Map.of("limit", "0"), null, "");
        assertEquals(400, r.status());
        assertEquals("limit must be 1..1000, was 0", json(r).get("error").asText());
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
