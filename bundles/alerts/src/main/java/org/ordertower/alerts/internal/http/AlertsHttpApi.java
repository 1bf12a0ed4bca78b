package org.ordertower.alerts.internal.http;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ordertower.alerts.internal.dispatch.Dispatcher.SinkResult;
import org.ordertower.alerts.internal.store.AlertTable;
import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.JsonHttpHandler;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.KeysetPage;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.spi.http.QueryParams;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The alerts' REST interface, free of any HTTP server (see {@link HttpHandler}); the core's guard admits the callers
 * (reading: viewer or admin; the test send: admin or operator).
 *
 * <pre>
 * GET  /api/v1/alerts?limit=50&amp;after=   the active alerts, newest first (by first sighting, then key):
 *                                {"items":[{key,kind,severity,title,message,link,firstAt,lastSeenAt,lastSentAt,suppressed,total}],
 *                                 "next": the cursor to pass as after, null on the last page}
 * POST /api/v1/alerts/test       one test message to every configured sink now:
 *                                {"sinks":[{"sink":"dingtalk","ok":true},{"sink":"mail","ok":false,"error":"..."}]}
 * GET  /api/v1/alerts/report?date=2026-12-06   a day's report (default yesterday in report.zone):
 *                                {"date","zone","figures":{...},"png":"<base64>"}
 * POST /api/v1/alerts/report/send?date=        sends a day's report to every sink now: {"date","sinks":[...]}
 * </pre>
 */
public final class AlertsHttpApi extends JsonHttpHandler {
    public static final String BASE = "/api/v1/alerts";
    /** The test send takes no body. */
    public static final int MAX_BODY = 1024;
    private static final int DEFAULT_LIMIT = 50;
    /** As every list over HTTP. */
    private static final int MAX_LIMIT = 500;
    private final View view;

    /** What the interface shows and does. */
    public interface View {
        /**
         * One page of the active alerts, newest first (by first sighting, then key): after the row with that first
         * sighting and key (from the newest when both are null).
         */
        List<AlertTable.Row> newest(Instant afterFirstAt, String afterKey, int limit) throws SQLException;

        /** Sends a test message to every sink now. */
        List<SinkResult> test();

        /** The daily reports. */
        org.ordertower.alerts.internal.report.DailyReport reports();
    }

    public AlertsHttpApi(View view, OrderJson json) {
        super(BASE, json);
        this.view = view;
    }

    @Override
    protected HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
            String contentType, String body) throws SQLException {
        {
            if (path.equals(BASE) || path.equals(BASE + "/")) {
                if (!method.equals("GET")) {
                    return replies.notAllowed(method, BASE, "GET");
                }
                return list(QueryParams.limit(query, DEFAULT_LIMIT, MAX_LIMIT), QueryParams.afterKey(query, 2));
            }
            if (path.equals(BASE + "/test")) {
                if (!method.equals("POST")) {
                    return replies.notAllowed(method, path, "POST");
                }
                logger.info("{} asks for a test alert to every sink", caller.name());
                return test();
            }
            if (path.equals(BASE + "/report")) {
                return method.equals("GET") ? report(day(query)) : replies.notAllowed(method, path, "GET");
            }
            if (path.equals(BASE + "/report/send")) {
                if (!method.equals("POST")) {
                    return replies.notAllowed(method, path, "POST");
                }
                java.time.LocalDate day = day(query);
                logger.info("{} sends the daily report of {} to every sink", caller.name(), day);
                ObjectNode n = json.object();
                n.put("date", day.toString());
                sinks(n, view.reports().send(day));
                return replies.ok(n);
            }
            return replies.error(404, "no such resource " + path + "; the alerts are at " + BASE + ", " + BASE + "/test and "
                    + BASE + "/report");
        }
    }

    /** {@code date=YYYY-MM-DD}, not in the future; yesterday in the report's zone when absent. */
    private java.time.LocalDate day(Map<String, String> query) {
        org.ordertower.alerts.internal.report.DailyReport reports = view.reports();
        String v = query.get("date");
        if (v == null || v.isBlank()) {
            return reports.yesterday();
        }
        java.time.LocalDate d;
        try {
            d = java.time.LocalDate.parse(v.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("date must be a day such as 2026-12-06, was '" + v + "'");
        }
        if (d.isAfter(reports.yesterday().plusDays(1))) {
            throw new IllegalArgumentException("date " + d + " is in the future");
        }
        if (d.isBefore(reports.yesterday().minusDays(366))) {
            throw new IllegalArgumentException("date " + d + " is more than a year ago");
        }
        return d;
    }

    private HttpReply report(java.time.LocalDate day) {
        org.ordertower.alerts.internal.report.DailyReport reports = view.reports();
        org.ordertower.alerts.internal.report.DailyFigures f = reports.figures(day);
        org.ordertower.alerts.internal.report.Report r = reports.make(f);
        ObjectNode n = json.object();
        n.put("date", day.toString());
        n.put("zone", reports.zone().getId());
        ObjectNode fig = n.putObject("figures");
        fig.put("orders", f.orders());
        fig.set("byChannel", json.tree(f.byChannel()));
        fig.set("hourly", json.tree(f.hourly()));
        fig.set("moves", json.tree(f.moves()));
        fig.put("neededPerson", f.neededPerson());
        fig.put("failedCalls", f.failedCalls());
        fig.put("stuckParcels", f.stuckParcels());
        fig.put("reviewWaiting", f.reviewWaiting());
        fig.put("lowStockSkus", f.lowStockSkus());
        n.put("summary", r.text());
        n.put("png", java.util.Base64.getEncoder().encodeToString(r.png()));
        return replies.ok(n);
    }

    private static void sinks(ObjectNode n, List<SinkResult> results) {
        ArrayNode sinks = n.putArray("sinks");
        for (SinkResult r : results) {
            ObjectNode s = sinks.addObject();
            s.put("sink", r.sink());
            s.put("ok", r.ok());
            if (!r.ok()) {
                s.put("error", r.error());
            }
        }
    }

    /**
     * One page; one row more than the limit tells that another page follows. The cursor is the last row's first
     * sighting and key.
     */
    private HttpReply list(int limit, List<String> after) throws SQLException {
        Instant afterFirstAt = null;
        if (after != null) {
            try {
                afterFirstAt = Instant.parse(after.get(0));
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException("after must be the next cursor of the previous page (as given)");
            }
        }
        KeysetPage<AlertTable.Row> page = KeysetPage.of(view.newest(afterFirstAt, after == null ? null : after.get(1),
                limit + 1), limit, r -> QueryParams.cursor(r.firstAt().toString(), r.key()));
        return replies.ok(page.write(json.object(), this::row));
    }

    private ObjectNode row(AlertTable.Row r) {
        ObjectNode i = json.object();
        i.put("key", r.key());
        i.put("kind", r.kind());
        i.put("severity", r.severity());
        i.put("title", r.title());
        i.put("message", r.message());
        i.put("link", r.link());
        i.put("firstAt", str(r.firstAt()));
        i.put("lastSeenAt", str(r.lastSeenAt()));
        i.put("lastSentAt", str(r.lastSentAt()));
        i.put("suppressed", r.suppressed());
        i.put("total", r.total());
        return i;
    }

    private HttpReply test() {
        ObjectNode n = json.object();
        sinks(n, view.test());
        return replies.ok(n);
    }

    private static String str(Instant t) {
        return t == null ? null : t.toString();
    }
}
