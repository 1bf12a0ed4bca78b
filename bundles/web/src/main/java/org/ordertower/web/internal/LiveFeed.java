package org.ordertower.web.internal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import javax.servlet.AsyncContext;
import javax.servlet.AsyncEvent;
import javax.servlet.AsyncListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.ordertower.api.Caller;
import org.ordertower.core.spi.http.HttpGateway;
import org.ordertower.core.spi.http.HttpReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The console's live updates as server-sent events ({@code GET /ordertower/events}): every {@code interval} while
 * anybody listens, the order statistics are read once, through the gateway as the REST interface serves them, and
 * sent as {@code event: stats} to every listener whose roles may read them, but only when they changed; with them
 * {@code event: review} (read at most every 5 s), the count of orders waiting for a person and the oldest one's time.
 * A comment line every
 * 15 s keeps proxies from closing an idle stream. Listeners are async requests: no thread waits per browser.
 */
final class LiveFeed implements AutoCloseable {
    static final String STATS = "/api/v1/orders/stats";
    static final String REVIEW = "/api/v1/review";
    private static final long HEARTBEAT_MILLIS = 15_000;
    private static final long REVIEW_EVERY_MILLIS = 5_000;

    /** One browser listening. */
    private record Listener(AsyncContext async, Caller caller, String sessionId) {
    }

    private final Logger logger = LoggerFactory.getLogger(LiveFeed.class);
    private final Supplier<Optional<HttpGateway>> gateway;
    private final ObjectMapper mapper = new ObjectMapper();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> ticks;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile String lastStats;
    /** The last figures sent, without their time: the same figures are not sent again. */
    private String lastFigures;
    private volatile String lastReview;
    private long lastBeat = System.currentTimeMillis();
    private long lastReviewRead;

    LiveFeed(Supplier<Optional<HttpGateway>> gateway, ScheduledExecutorService timer, long intervalMillis) {
        this.gateway = gateway;
        this.ticks = timer.scheduleWithFixedDelay(this::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts a listener's stream and sends it the newest figures at once. */
    void open(HttpServletRequest req, HttpServletResponse resp, Caller caller, String sessionId) throws IOException {
        resp.setStatus(200);
        resp.setContentType("text/event-stream");
        resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Accel-Buffering", "no");
        AsyncContext async = req.startAsync();
        async.setTimeout(0);
        Listener l = new Listener(async, caller, sessionId);
        async.addListener(new AsyncListener() {
            @Override
            public void onComplete(AsyncEvent event) {
                listeners.remove(l);
            }

            @Override
            public void onTimeout(AsyncEvent event) {
                listeners.remove(l);
            }

            @Override
            public void onError(AsyncEvent event) {
                listeners.remove(l);
            }

            @Override
            public void onStartAsync(AsyncEvent event) {
                // nothing
            }
        });
        listeners.add(l);
        send(l, ": OrderTower live feed\nretry: 3000\n\n");
        String stats = lastStats;
        if (stats != null && may(l, STATS)) {
            send(l, event("stats", stats));
        }
        String review = lastReview;
        if (review != null && may(l, REVIEW)) {
            send(l, event("review", review));
        }
    }

    /** Ends the streams of a session (its user logged out). */
    void closeSession(String sessionId) {
        for (Listener l : listeners) {
            if (l.sessionId().equals(sessionId)) {
                end(l);
            }
        }
    }

    int listeners() {
        return listeners.size();
    }

    /** One round: read the figures once, send what changed. */
    void tick() {
        if (listeners.isEmpty() || !busy.compareAndSet(false, true)) {
            return;
        }
        try {
            Optional<HttpGateway> g = gateway.get();
            if (g.isEmpty()) {
                return;
            }
            String stats = read(g.get(), STATS, Map.of());
            String figures = stats == null ? null : figures(stats);
            if (figures != null && !figures.equals(lastFigures)) {
                lastFigures = figures;
                lastStats = stats;
                broadcast(STATS, event("stats", stats));
            }
            long now = System.currentTimeMillis();
            if (stats != null && now - lastReviewRead >= REVIEW_EVERY_MILLIS) {
                // the head of the queue changes slowly and costs more to read than the counts: at most every 5 s
                lastReviewRead = now;
                String review = review(g.get(), stats);
                if (review != null && !review.equals(lastReview)) {
                    lastReview = review;
                    broadcast(REVIEW, event("review", review));
                }
            }
            if (now - lastBeat >= HEARTBEAT_MILLIS) {
                lastBeat = now;
                listeners.forEach(l -> send(l, ": ping\n\n"));
            }
        } catch (RuntimeException e) {
            logger.warn("The live feed could not read the figures; it tries again: {}", e.toString());
        } finally {
            busy.set(false);
        }
    }

    /** The body of a GET by the first listener who may make it; null when nobody may or it failed. */
    private String read(HttpGateway g, String path, Map<String, String> query) {
        for (Listener l : listeners) {
            if (g.refusal(l.caller(), "GET", path, query).isEmpty()) {
                HttpReply r = g.handle(l.caller(), "GET", path, query, null, null);
                return r.status() == 200 ? r.body() : null;
            }
        }
        return null;
    }

    /** The figures of a stats answer without the time they were read at; null when it is not JSON. */
    private String figures(String stats) {
        try {
            JsonNode n = mapper.readTree(stats);
            if (n instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
                o.remove("at");
            }
            return mapper.writeValueAsString(n);
        } catch (IOException e) {
            return null;
        }
    }

    /** {"waiting": IN_REVIEW + FROZEN, "oldestSince": the oldest waiting order's time or null}. */
    private String review(HttpGateway g, String stats) {
        try {
            JsonNode by = mapper.readTree(stats).path("total").path("byStatus");
            long waiting = by.path("IN_REVIEW").asLong() + by.path("FROZEN").asLong();
            String oldest = null;
            if (waiting > 0) {
                String list = read(g, REVIEW, Map.of("limit", "1"));
                if (list != null) {
                    JsonNode first = mapper.readTree(list).path("items").path(0);
                    oldest = first.path("since").isTextual() ? first.path("since").asText() : null;
                }
            }
            var n = mapper.createObjectNode();
            n.put("waiting", waiting);
            if (oldest == null) {
                n.putNull("oldestSince");
            } else {
                n.put("oldestSince", oldest);
            }
            return mapper.writeValueAsString(n);
        } catch (IOException e) {
            return null;
        }
    }

    private void broadcast(String path, String event) {
        Optional<HttpGateway> g = gateway.get();
        for (Listener l : listeners) {
            if (g.isPresent() && g.get().refusal(l.caller(), "GET", path, Map.of()).isEmpty()) {
                send(l, event);
            }
        }
    }

    private boolean may(Listener l, String path) {
        return gateway.get().map(g -> g.refusal(l.caller(), "GET", path, Map.of()).isEmpty()).orElse(false);
    }

    static String event(String name, String json) {
        StringBuilder b = new StringBuilder("event: ").append(name).append('\n');
        json.lines().forEach(line -> b.append("data: ").append(line).append('\n'));
        return b.append('\n').toString();
    }

    private void send(Listener l, String text) {
        try {
            PrintWriter w = l.async().getResponse().getWriter();
            synchronized (l) {
                w.write(text);
                w.flush();
            }
            if (w.checkError()) {
                end(l);
            }
        } catch (IOException | IllegalStateException e) {
            end(l);
        }
    }

    private void end(Listener l) {
        listeners.remove(l);
        try {
            l.async().complete();
        } catch (IllegalStateException alreadyDone) {
            // the browser went away first
        }
    }

    @Override
    public void close() {
        ticks.cancel(false);
        listeners.forEach(this::end);
    }
}
