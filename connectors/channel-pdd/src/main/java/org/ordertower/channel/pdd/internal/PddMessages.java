package org.ordertower.channel.pdd.internal;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.ordertower.channel.pdd.internal.api.PddMessageSigner;
import org.ordertower.connector.kit.PlatformClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One shop's connection to PDD's message service (消息服务), with the JDK's WebSocket client. Frames, as the SDKs
 * named in the README read and write them: PDD sends {@code {"id", "commandType":"Common", "time", "sendTime",
 * "message":{"type", "mallID", "content":"<JSON text>"}}}, {@code HeartBeat} and {@code Fail} frames; the client sends
 * a {@code HeartBeat} every few seconds and, per message, {@code {"commandType":"Ack", "id", "time", "sendTime",
 * "type", "mallID"}}. A message that is not acknowledged is delivered again, so every message may come more than once
 * and in any order.
 *
 * <p>Received messages wait in a bounded buffer until core takes them ({@link #consume}) and are acknowledged only
 * when core confirms them ({@link #confirm}), after storing their events: a message lost on our side is sent again
 * by PDD. A message of another mall is left unacknowledged. A message core does not act on (goods, chat...) is
 * acknowledged at once. The connection is kept open: reconnect after 1 s doubling to a minute, five minutes after
 * PDD refused it (a wrong secret does not heal), dropped and reopened when it is silent past the idle timeout. Each
 * reconnect signs a fresh timestamp. The signed URL is never logged. Thread-safe.
 */
final class PddMessages implements AutoCloseable {
    /** What the connection is doing, for consoles and tests. */
    record Status(boolean connected, String lastError, long connects, long refusals, long received, long acked,
            int buffered) {
    }

    private record Received(String id, String type, long mallId, long sendTime, PushEvent event) {
    }

    private final Logger logger = LoggerFactory.getLogger(PddMessages.class);
    private final PddSettings settings;
    private final PddMessageSettings ms;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Object lock = new Object();
    private final LinkedHashMap<String, Received> buffer = new LinkedHashMap<>();
    private final Map<String, Received> handed = new HashMap<>();
    private final AtomicLong connects = new AtomicLong();
    private final AtomicLong refusals = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private WebSocket socket;
    private CompletableFuture<?> sends = CompletableFuture.completedFuture(null);
    private ScheduledFuture<?> reconnect;
    private int failures;
    private boolean connecting;
    private volatile boolean closed;
    private volatile long lastHeard;
    private volatile String lastError;
    private ChannelException unreported;

    PddMessages(PddSettings settings, PddMessageSettings ms) {
        this.settings = settings;
        this.ms = ms;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdd-messages-" + settings.shop());
            t.setDaemon(true);
            return t;
        });
        long beat = ms.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        timer.execute(this::connect);
    }

    /** Up to {@code max} buffered messages as events, handed to core until it confirms them. */
    List<PushEvent> consume(int max) {
        List<PushEvent> events = new ArrayList<>();
        ChannelException report;
        synchronized (lock) {
            for (Iterator<Received> it = buffer.values().iterator(); it.hasNext() && events.size() < max;) {
                Received r = it.next();
                it.remove();
                handed.put(r.id(), r);
                events.add(r.event());
            }
            report = events.isEmpty() ? unreported : null;
            if (report != null) {
                unreported = null;
            }
        }
        if (report != null) {
            throw report; // once per failed attempt: core shows it in the shop's status
        }
        return events;
    }

    /** Acknowledges the messages core stored; ids not handed out (or already acknowledged) are ignored. */
    void confirm(List<String> ids) {
        List<Received> toAck = new ArrayList<>();
        synchronized (lock) {
            for (String id : ids) {
                Received r = handed.remove(id);
                if (r != null) {
                    toAck.add(r);
                }
            }
        }
        toAck.forEach(this::ack);
    }

    Status status() {
        synchronized (lock) {
            return new Status(socket != null, lastError, connects.get(), refusals.get(), received.get(), acked.get(),
                    buffer.size());
        }
    }

    private void connect() {
        synchronized (lock) {
            if (closed || socket != null || connecting) {
                return;
            }
            connecting = true;
        }
        long ts = settings.clock().millis();
        URI uri = URI.create(ms.messageUrl() + PddMessageSigner.path(settings.clientId(), ts, settings.clientSecret()));
        http.newWebSocketBuilder().connectTimeout(settings.timeout()).buildAsync(uri, new Listener())
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        refusedOrUnreachable(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                    }
                });
    }

    private void opened(WebSocket ws) {
        boolean first;
        synchronized (lock) {
            connecting = false;
            if (closed) {
                ws.abort();
                return;
            }
            socket = ws;
            failures = 0;
            lastError = null;
            unreported = null;
            lastHeard = System.nanoTime();
            first = connects.incrementAndGet() == 1;
        }
        if (first) {
            logger.info("pdd shop {}: message service connected ({})", settings.shop(), ms.messageUrl());
        } else {
            logger.debug("pdd shop {}: message service connected again", settings.shop());
        }
    }

    private void refusedOrUnreachable(Throwable error) {
        ChannelException e;
        Duration pause;
        if (error instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            String why = platformMessage(h.getResponse().body());
            boolean auth = status == 401 || status == 403;
            boolean clockMoved = false;
            if (settings.clock() instanceof PlatformClock platform) {
                // the refusal shows PDD's clock: a connection signed with a timestamp it refused is signed by it next
                java.time.Duration before = platform.offset();
                java.time.Instant now = platform.local();
                platform.observeDate(h.getResponse().headers().firstValue("Date").orElse(null), now, now);
                clockMoved = !platform.offset().equals(before);
            }
            e = new ChannelException(auth ? Kind.AUTH : Kind.TRANSIENT, "PDD refused the message connection: HTTP " + status
                    + (why.isEmpty() ? "" : " " + why) + (auth ? " (check appKey, appSecret and this machine's clock)" : ""));
            pause = auth && !clockMoved ? ms.refusedBackoff() : backoff();
        } else {
            e = new ChannelException(Kind.TRANSIENT, "cannot reach PDD's message service " + ms.messageUrl() + ": "
                    + (error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage()));
            pause = backoff();
        }
        synchronized (lock) {
            connecting = false;
            lastError = e.getMessage();
            unreported = e;
            if (error instanceof WebSocketHandshakeException) {
                refusals.incrementAndGet();
            }
        }
        if (e.kind() == Kind.AUTH) {
            logger.warn("pdd shop {}: {}; next try in {} s", settings.shop(), e.getMessage(), pause.toSeconds());
        } else {
            logger.debug("pdd shop {}: {}; next try in {} ms", settings.shop(), e.getMessage(), pause.toMillis());
        }
        schedule(pause);
    }

    /** The error_msg (and code) of PDD's JSON error body, else nothing (bodies are not echoed blindly). */
    private static String platformMessage(Object body) {
        if (!(body instanceof String s) || s.isBlank()) {
            return "";
        }
        try {
            JsonNode err = PddJson.MAPPER.readTree(s).path("error_response");
            return err.isObject() ? err.path("error_code").asText() + " " + err.path("error_msg").asText() : "";
        } catch (Exception e) {
            return "";
        }
    }

    private Duration backoff() {
        synchronized (lock) {
            long ms0 = ms.minBackoff().toMillis() << Math.min(failures++, 20);
            return Duration.ofMillis(Math.min(ms0, ms.maxBackoff().toMillis()));
        }
    }

    private void schedule(Duration pause) {
        synchronized (lock) {
            if (closed || (reconnect != null && !reconnect.isDone())) {
                return;
            }
            reconnect = timer.schedule(this::connect, pause.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The connection ended (closed by PDD, dropped, or given up as silent); open another after a pause. */
    private void ended(WebSocket ws, String why) {
        synchronized (lock) {
            if (socket != ws) {
                return;
            }
            socket = null;
            lastError = "message connection ended: " + why;
        }
        ws.abort();
        logger.debug("pdd shop {}: message connection ended ({}), reconnecting", settings.shop(), why);
        schedule(backoff());
    }

    private void heartbeat() {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
        }
        if (ws == null) {
            return;
        }
        if (System.nanoTime() - lastHeard > ms.idleTimeout().toNanos()) {
            ended(ws, "nothing heard for " + ms.idleTimeout().toSeconds() + " s");
            return;
        }
        send(ws, PddJson.MAPPER.createObjectNode().put("commandType", "HeartBeat").put("time", settings.clock().millis()));
    }

    private void ack(Received r) {
        WebSocket ws;
        synchronized (lock) {
            ws = socket;
        }
        if (ws == null) {
            logger.debug("pdd shop {}: not connected, message {} will be delivered again", settings.shop(), r.id());
            return;
        }
        ObjectNode a = PddJson.MAPPER.createObjectNode();
        a.put("id", new BigInteger(r.id())).put("commandType", "Ack").put("time", settings.clock().millis())
                .put("sendTime", r.sendTime()).put("type", r.type()).put("mallID", r.mallId());
        send(ws, a);
        acked.incrementAndGet();
    }

    /** The JDK allows one outstanding send per socket: sends are chained. */
    private void send(WebSocket ws, ObjectNode frame) {
        String text = frame.toString();
        synchronized (lock) {
            sends = sends.handle((x, e) -> null).thenCompose(x -> ws.sendText(text, true)).exceptionally(e -> {
                logger.debug("pdd shop {}: send failed: {}", settings.shop(), e.getMessage());
                return null;
            });
        }
    }

    /** One frame from PDD. */
    void frame(String text) {
        lastHeard = System.nanoTime();
        JsonNode f;
        try {
            f = PddJson.MAPPER.readTree(text);
        } catch (Exception e) {
            logger.debug("pdd shop {}: a frame that is not JSON was ignored", settings.shop());
            return;
        }
        switch (f.path("commandType").asText("")) {
            case "Common" -> message(f);
            case "Fail" -> {
                lastError = "PDD's message service answered Fail: " + f.path("message").path("content").asText("");
                logger.warn("pdd shop {}: {}", settings.shop(), lastError);
            }
            default -> {
                // HeartBeat, Ack: nothing to do beyond noting the connection is alive
            }
        }
    }

    private void message(JsonNode f) {
        JsonNode m = f.path("message");
        if (!f.path("id").isIntegralNumber() || !m.path("mallID").isIntegralNumber() || !m.path("type").isTextual()) {
            logger.debug("pdd shop {}: a Common frame without id, mallID or type was ignored", settings.shop());
            return;
        }
        String id = f.path("id").bigIntegerValue().toString();
        long mall = m.path("mallID").asLong();
        String type = m.path("type").asText();
        if (mall != ms.mallId()) {
            return; // another mall of the app: its own connector acknowledges it
        }
        received.incrementAndGet();
        Received r = new Received(id, type, mall, f.path("sendTime").asLong(0), event(id, type, m.path("content").asText("")));
        if (r.event() == null) {
            ack(r);
            return;
        }
        synchronized (lock) {
            handed.remove(id); // delivered again before core confirmed it: hand it out again
            if (buffer.containsKey(id)) {
                buffer.put(id, r); // a duplicate: keep one, with the latest sendTime
            } else if (buffer.size() < ms.bufferSize()) {
                buffer.put(id, r);
            } else {
                logger.debug("pdd shop {}: buffer full, message {} left for redelivery", settings.shop(), id);
            }
        }
    }

    /**
     * The event of a trade or refund message ({@code pdd_trade_*}, {@code pdd_refund_*}: the content carries the
     * order_sn as {@code tid}), or null for a message core does not act on. An order message without a tid, or
     * whose content names another mall, cannot be taken in: it is logged and acknowledged (the pull still sees the
     * order), since PDD would otherwise send it forever.
     */
    private PushEvent event(String id, String type, String content) {
        if (!type.startsWith("pdd_trade_") && !type.startsWith("pdd_refund_")) {
            return null;
        }
        JsonNode c;
        try {
            c = PddJson.MAPPER.readTree(content);
        } catch (Exception e) {
            c = null;
        }
        String tid = c == null ? "" : c.path("tid").asText("");
        boolean sameMall = c == null || !c.has("mall_id") || c.path("mall_id").asText().equals(String.valueOf(ms.mallId()));
        if (tid.isBlank() || !sameMall) {
            lastError = "message " + id + " (" + type + ") " + (tid.isBlank() ? "carries no tid" : "names another mall")
                    + "; acknowledged and skipped";
            logger.warn("pdd shop {}: {}", settings.shop(), lastError);
            return null;
        }
        Instant at = c.path("modified").canConvertToLong() && c.path("modified").asLong() > 0
                ? Instant.ofEpochMilli(c.path("modified").asLong())
                : null;
        return new PushEvent(id, type, settings.shop(), tid, at, null);
    }

    @Override
    public void close() {
        WebSocket ws;
        synchronized (lock) {
            closed = true;
            ws = socket;
            socket = null;
        }
        timer.shutdownNow();
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "shop stopped").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((x, e) -> ws.abort());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket ws) {
            opened(ws); // before any frame is delivered, so acknowledgements have a socket
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    frame(text);
                } catch (RuntimeException e) {
                    logger.warn("pdd shop {}: a message frame could not be handled: {}", settings.shop(), e.toString());
                }
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            ended(ws, "closed by PDD, " + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            ended(ws, error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage()));
        }
    }
}
