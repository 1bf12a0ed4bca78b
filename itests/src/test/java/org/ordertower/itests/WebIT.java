package org.ordertower.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerSuite;

/**
 * The web console in the real distribution, on Karaf's HTTP service: the page is served; a login goes through the
 * same realm as the REST interface and a forged (cross-site) request is refused; the console's API is the REST
 * interface with the logged-in user's roles (a viewer reads but may not decide a review, a reviewer may); the live
 * feed sends the new figures when an order posted over HTTP commits, without a reload; logout ends the session.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerSuite.class)
public class WebIT extends OrderTowerTestSupport {
    private static final String BASE = "http://127.0.0.1:" + WEB_PORT + "/ordertower";

    /** A browser: its own cookie jar. */
    private static final class Browser {
        final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> get(String path) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> send(String method, String path, String json, boolean console) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(BASE + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(json));
            if (console) {
                b.header("X-OrderTower-Console", "1");
            }
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> login(String user, String password) throws Exception {
            return send("POST", "/session", "{\"user\":\"" + user + "\",\"password\":\"" + password + "\"}", true);
        }
    }

    @Test
    public void theConsoleServesItsUsersWithTheRestInterfacesRolesAndLiveFigures() throws Exception {
        awaitReady();
        Browser reviewer = new Browser();
        await(Duration.ofSeconds(60), () -> reviewer.get("/").statusCode() == 200);
        HttpResponse<String> page = reviewer.get("/");
        assertTrue(page.body(), page.body().contains("/ordertower/static/app.js"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals(200, reviewer.get("/static/echarts.min.js").statusCode());
        assertEquals(404, reviewer.get("/static/..%2F..%2Fetc%2Fpasswd").statusCode());

        // logins: the realm of the REST interface; a request without the console's header is refused
        assertEquals(401, reviewer.get("/session").statusCode());
        assertEquals(401, reviewer.get("/api/v1/orders/stats").statusCode());
        String credentials = "{\"user\":\"" + TestUsers.REVIEWER + "\",\"password\":\"" + TestUsers.PASSWORD + "\"}";
        assertEquals(403, reviewer.send("POST", "/session", credentials, false).statusCode());
        assertEquals(401, reviewer.login(TestUsers.REVIEWER, "wrong").statusCode());
        HttpResponse<String> in = reviewer.login(TestUsers.REVIEWER, TestUsers.PASSWORD);
        assertEquals(in.body(), 200, in.statusCode());
        assertTrue(in.body(), in.body().contains("\"reviewer\"") && in.body().contains("\"maySeeBuyerData\":false"));
        assertTrue(in.headers().firstValue("Set-Cookie").orElse("").contains("HttpOnly"));

        // the live feed: the figures come when an order commits, without asking again
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpResponse<InputStream> stream = reviewer.client.send(HttpRequest.newBuilder(URI.create(BASE + "/events"))
                .GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (Exception ended) {
                // the stream was closed
            }
        }, "web-it-events");
        reader.setDaemon(true);
        reader.start();
        await(Duration.ofSeconds(30), () -> lines.contains("event: stats"));
        long before = orders(lastStats(lines));
        long id = order("WEB-1");
        await(Duration.ofSeconds(30), () -> orders(lastStats(lines)) > before);

        // the console's API is the REST interface as this user: a reviewer decides, a viewer may not
        await(Duration.ofSeconds(30), () -> reviewer.get("/api/v1/review?limit=100").body()
                .contains("\"id\":" + id + ","));
        Browser viewer = new Browser();
        assertEquals(200, viewer.login(TestUsers.VIEWER, TestUsers.PASSWORD).statusCode());
        assertEquals(200, viewer.get("/api/v1/orders/" + id).statusCode());
        HttpResponse<String> refused = viewer.send("POST", "/api/v1/review/" + id + "/claim", "", true);
        assertEquals(refused.body(), 403, refused.statusCode());
        assertTrue(refused.body(), refused.body().contains("needs the role reviewer"));
        HttpResponse<String> claimed = reviewer.send("POST", "/api/v1/review/" + id + "/claim", "", true);
        assertEquals(claimed.body(), 200, claimed.statusCode());
        HttpResponse<String> flow = reviewer.get("/api/v1/orders/flow?minutes=30");
        assertEquals(flow.body(), 200, flow.statusCode());
        assertTrue(flow.body(), flow.body().contains("\"own\":["));

        // the alerts bundle runs in the distribution: its list is served through the same whiteboard
        HttpResponse<String> alerts = reviewer.get("/api/v1/alerts?limit=10");
        assertEquals(alerts.body(), 200, alerts.statusCode());
        assertTrue(alerts.body(), alerts.body().startsWith("{\"items\":["));

        // logout ends the session and its stream
        assertEquals(200, reviewer.send("DELETE", "/session", null, true).statusCode());
        assertEquals(401, reviewer.get("/api/v1/orders/stats").statusCode());
        reader.join(10_000);
        assertTrue("the stream ended with the session", !reader.isAlive());
    }

    private static String lastStats(List<String> lines) {
        for (int i = lines.size() - 1; i > 0; i--) {
            if (lines.get(i).startsWith("data: ") && lines.get(i - 1).equals("event: stats")) {
                return lines.get(i).substring(6);
            }
        }
        return "";
    }

    private static long orders(String stats) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"total\":\\{.*?\"orders\":(\\d+)").matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    /** An order whose line maps to no SKU: it waits for a person. */
    private long order(String id) throws Exception {
        HttpResponse<String> r = post("/api/v1/orders", "{\"channel\":\"own\",\"shop\":\"web\","
                + "\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,\"paymentStatus\":\"PAID\","
                + "\"buyer\":{\"name\":\"韩梅梅\",\"phone\":\"13912345678\",\"platformBuyerId\":\"buyer-" + id + "\"},"
                + "\"address\":{\"country\":\"CN\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"district\":\"西湖区\","
                + "\"street\":\"文三路\",\"detail\":\"" + id + "号\",\"postcode\":\"310012\"},"
                + "\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"WEB-NOT-MAPPED\",\"quantity\":1,\"unitPrice\":\"9.90\","
                + "\"paidAmount\":\"9.90\"}],"
                + "\"amounts\":{\"currency\":\"CNY\",\"goods\":\"9.90\",\"paid\":\"9.90\"},"
                + "\"createdAt\":\"2026-11-11T00:00:00+08:00\"}");
        assertEquals(r.body(), 201, r.statusCode());
        return Long.parseLong(r.body().replaceAll(".*\"id\":(\\d+).*", "$1"));
    }
}
