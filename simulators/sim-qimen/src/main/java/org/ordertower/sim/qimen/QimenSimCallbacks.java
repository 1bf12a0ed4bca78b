package org.ordertower.sim.qimen;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.ordertower.connector.kit.Xml;
import org.ordertower.sim.kit.SimServer;
import org.w3c.dom.Element;

/**
 * Sends the WMS's reports to the ERP ({@code callbackUrl}) as the router forwards them: the system parameters and
 * signature in the query (the ERP side's app key, secret and customerId), the XML as the body. Reports go out on
 * {@link #LANES} sender lanes, an order's reports always on the same lane and so in order (the router keeps an
 * order's reports in sequence, and sends many orders at once): a report is retried with doubling back-off until the
 * ERP answers HTTP 200 with {@code <flag>success} (or {@code attempts} run out), and only then is the next one of
 * its lane sent. With {@code duplicate}, each delivered report is sent a second time. With {@code bareNames}, the
 * method goes out without its {@code taobao.qimen.} prefix ({@code deliveryorder.confirm}), as many WMSes name it.
 */
final class QimenSimCallbacks implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("GMT+8"));

    /** One report and what became of it. Mutable: read it through {@link #snapshot()}. */
    static final class Sent {
        final String method;
        final String code;
        final String body;
        int attempts;
        boolean delivered;
        boolean duplicateSent;
        String lastAnswer;

        Sent(String method, String code, String body) {
            this.method = method;
            this.code = code;
            this.body = body;
        }
    }

    private final String url;
    private final String appKey;
    private final String secret;
    private final String customerId;
    private final String signMethod;
    private final Duration firstRetry;
    private final int maxAttempts;
    private final boolean duplicate;
    private final boolean bareNames;
    private final Clock clock;
    private final SimServer counters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Sender lanes; one order's reports share a lane. */
    static final int LANES = 4;
    private final ExecutorService[] lanes = new ExecutorService[LANES];
    private final List<Sent> sent = new ArrayList<>();

    QimenSimCallbacks(String url, String appKey, String secret, String customerId, String signMethod,
            Duration firstRetry, int maxAttempts, boolean duplicate, boolean bareNames, Clock clock, SimServer counters) {
        this.url = url == null || url.isBlank() ? null : url.strip();
        this.appKey = appKey;
        this.secret = secret;
        this.customerId = customerId;
        this.signMethod = signMethod;
        this.firstRetry = firstRetry;
        this.maxAttempts = maxAttempts;
        this.duplicate = duplicate;
        this.bareNames = bareNames;
        this.clock = clock;
        this.counters = counters;
        for (int i = 0; i < LANES; i++) {
            String name = "qimen-sim-callbacks-" + i;
            lanes[i] = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Queues a report ({@code method} by its full name); without a callbackUrl it is only recorded. */
    void send(String method, String code, String body) {
        String prefix = "taobao.qimen.";
        Sent s = new Sent(bareNames && method.startsWith(prefix) ? method.substring(prefix.length()) : method, code, body);
        synchronized (sent) {
            sent.add(s);
        }
        if (url == null) {
            counters.count("callbacksKept", 1);
            return;
        }
        lanes[Math.floorMod(code == null ? 0 : code.hashCode(), LANES)].execute(() -> deliver(s));
    }

    private void deliver(Sent s) {
        Duration wait = firstRetry;
        while (!Thread.currentThread().isInterrupted()) {
            boolean ok = attempt(s);
            if (ok) {
                synchronized (sent) {
                    s.delivered = true;
                }
                counters.count("callbacksDelivered", 1);
                if (duplicate) {
                    attempt(s);
                    synchronized (sent) {
                        s.duplicateSent = true;
                    }
                    counters.count("callbacksDuplicated", 1);
                }
                return;
            }
            synchronized (sent) {
                if (s.attempts >= maxAttempts) {
                    counters.count("callbacksFailed", 1);
                    return;
                }
            }
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
        }
    }

    /** One POST, freshly stamped and signed; true when the ERP answered its success shape. */
    private boolean attempt(Sent s) {
        Map<String, String> query = new TreeMap<>();
        query.put("method", s.method);
        query.put("timestamp", TIME.format(clock.instant()));
        query.put("format", "xml");
        query.put("app_key", appKey);
        query.put("v", "2.0");
        query.put("sign_method", signMethod);
        query.put("customerId", customerId);
        query.put("sign", QimenSimSigner.sign(secret, signMethod, query, s.body));
        String target = url + (url.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        synchronized (sent) {
            s.attempts++;
        }
        counters.count("callbackAttempts", 1);
        String answer;
        boolean ok;
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "text/xml;charset=utf-8").POST(HttpRequest.BodyPublishers.ofString(s.body))
                    .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            answer = "HTTP " + r.statusCode() + " " + r.body();
            ok = r.statusCode() == 200 && success(r.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer = "interrupted";
            ok = false;
        } catch (Exception e) {
            answer = e.toString();
            ok = false;
        }
        synchronized (sent) {
            s.lastAnswer = answer.length() > 500 ? answer.substring(0, 500) : answer;
        }
        return ok;
    }

    /** The ERP's answer is {@code <response>} with flag success (read as XML: a comment saying success is not it). */
    private static boolean success(String body) {
        try {
            Element root = Xml.parse(body);
            return "response".equals(root.getTagName()) && "success".equals(Xml.text(root, "flag"));
        } catch (Xml.XmlException e) {
            return false;
        }
    }

    /** A copy of every report so far, oldest first. */
    List<QimenSimulator.Callback> snapshot() {
        synchronized (sent) {
            return sent.stream().map(s -> new QimenSimulator.Callback(s.method, s.code, s.body, s.attempts, s.delivered,
                    s.duplicateSent, s.lastAnswer)).toList();
        }
    }

    @Override
    public void close() {
        for (ExecutorService lane : lanes) {
            lane.shutdownNow();
        }
        try {
            for (ExecutorService lane : lanes) {
                lane.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
