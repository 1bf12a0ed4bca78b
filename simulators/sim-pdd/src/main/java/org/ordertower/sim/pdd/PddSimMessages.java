package org.ordertower.sim.pdd;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimWebSocketServer;
import org.ordertower.sim.kit.SimWebSocketServer.Refusal;
import org.ordertower.sim.kit.SimWebSocketServer.Session;
import org.ordertower.sim.kit.SimWebSocketServer.Upgrade;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PDD's message service (消息服务) for the app: a WebSocket at {@code ws://127.0.0.1:<port>/message/<client_id>/
 * <timestamp ms>/<sign>}, sign = Base64 of the lower-case hex MD5 of client_id + timestamp + client_secret (checked
 * with the simulator's own code). A wrong client_id or sign is refused with HTTP 403 and the gateway's 20004 body, a
 * timestamp more than {@code tolerance} away with 403 and 10000 (PDD's own answer is not published).
 *
 * <p>Every order change becomes a {@code Common} frame {@code {id, commandType, time, sendTime, message{type, mallID,
 * content}}} whose content is a JSON string with {@code mall_id} and {@code tid} (the order_sn). A message stays
 * pending until the client sends {@code {"commandType":"Ack", id, sendTime, type, mallID}} with the message's type and
 * mallID; it is sent again after {@code redeliverMillis} and to every new connection. On demand each send goes out
 * twice ({@code duplicates}) or sends are held and flushed in a shuffled order ({@code shuffle}). The server sends a
 * {@code HeartBeat} frame every {@code heartbeatMillis}; a frame it cannot read is answered with a {@code Fail}
 * frame whose message content says why. Counters: messages.published, messages.sent, messages.redelivered,
 * messages.acked, messages.badAcks, messages.heartbeats (received), messages.connections, messages.refused,
 * messages.fails. Thread-safe.
 */
final class PddSimMessages implements SimWebSocketServer.Endpoint, AutoCloseable {
    /** The path prefix, as on message-api.pinduoduo.com. */
    static final String PATH = "/message/";
    private static final int MAX_FRAME = 64 * 1024;

    private static final class Pending {
        final long id;
        final String type;
        final String content;
        long sendTime;
        long dueAt;

        Pending(long id, String type, String content) {
            this.id = id;
            this.type = type;
            this.content = content;
        }
    }

    private final PddSimulator sim;
    private final Clock clock;
    private final ObjectMapper json;
    private final long mallId;
    private final long redeliverMillis;
    private final long toleranceMillis;
    private final boolean duplicates;
    private final boolean shuffle;
    private final Random random;
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private final List<String> held = new ArrayList<>();
    private final AtomicLong ids = new AtomicLong(7_300_000_000_000L);
    private final AtomicLong refundIds = new AtomicLong(7_381_745_000L);
    private final ScheduledExecutorService timer;
    private final int port;
    private volatile SimWebSocketServer server;

    PddSimMessages(PddSimulator sim, Clock clock, ObjectMapper json, Map<String, String> s, long seed) {
        this.sim = sim;
        this.clock = clock;
        this.json = json;
        this.mallId = Long.parseLong(s.getOrDefault("mallId", "468512347"));
        this.redeliverMillis = Long.parseLong(s.getOrDefault("redeliverMillis", "60000"));
        this.toleranceMillis = 1000 * Long.parseLong(s.getOrDefault("messageToleranceSeconds", "600"));
        this.duplicates = Boolean.parseBoolean(s.getOrDefault("duplicatePushes", "false"));
        this.shuffle = Boolean.parseBoolean(s.getOrDefault("shufflePushes", "false"));
        long heartbeat = Long.parseLong(s.getOrDefault("heartbeatMillis", "5000"));
        this.random = new Random(seed);
        this.server = new SimWebSocketServer(Integer.parseInt(s.getOrDefault("messagePort", "0")), MAX_FRAME, this);
        this.port = server.port();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pdd-sim-messages");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    long mallId() {
        return mallId;
    }

    /** {@code ws://127.0.0.1:<port>/message}: the messageUrl a shop configuration needs. */
    String url() {
        return "ws://127.0.0.1:" + port + "/message";
    }

    void listen(SimOrderBook book) {
        book.listen(e -> topics(e.change(), e.order()).forEach(t -> publish(t, e.order())));
    }

    /**
     * The topics PDD's message list has for each change (pdd_trade_*, pdd_refund_*). An unpaid order is not yet
     * 交易确认 (confirmed), so its creation and an unpaid cancellation send nothing; a paid order cancelled by a full
     * refund sends the refund agreement.
     */
    static List<String> topics(SimOrderBook.Change change, SimOrder o) {
        return switch (change) {
            case CREATED -> o.paidAt != null ? List.of("pdd_trade_TradeConfirmed") : List.of();
            case PAID -> List.of("pdd_trade_TradeConfirmed");
            case ADDRESS_CHANGED -> List.of("pdd_trade_TradeLogisticsAddressChanged");
            case MEMO_CHANGED -> List.of("pdd_trade_TradeMemoModified");
            case REFUND_REQUESTED -> List.of("pdd_refund_RefundCreated");
            case REFUNDED -> List.of("pdd_refund_RefundAgreeAgreement");
            case REFUND_REFUSED -> List.of("pdd_refund_RefundRefuseAgreement");
            case CANCELLED -> o.paidAt != null ? List.of("pdd_refund_RefundAgreeAgreement") : List.of();
            case SHIPPED, PARTLY_SHIPPED -> List.of("pdd_trade_TradeSellerShip");
            case DELIVERED -> List.of("pdd_trade_TradeSuccess");
        };
    }

    private void publish(String type, SimOrder o) {
        ObjectNode content = json.createObjectNode();
        content.put("mall_id", mallId);
        content.put("tid", PddSimRenderer.orderSn(o));
        content.put("modified", o.modified.toEpochMilli());
        if (type.startsWith("pdd_refund_")) {
            content.put("refund_id", refundIds.incrementAndGet());
            content.put("refund_fee", o.lines.get(0).paid.movePointRight(2).longValueExact());
            content.put("bill_type", 1);
            content.put("operation", 1000);
        }
        Pending p = new Pending(ids.incrementAndGet(), type, content.toString());
        synchronized (pending) {
            pending.put(p.id, p);
        }
        sim.count("messages.published");
        send(p, false);
    }

    /** Sends one pending message to one open connection (PDD delivers an app's message once, not to each). */
    private void send(Pending p, boolean again) {
        List<Session> open = server.sessions();
        String frame;
        synchronized (pending) {
            if (open.isEmpty() || !pending.containsKey(p.id)) {
                return;
            }
            long now = clock.millis();
            p.sendTime = now;
            p.dueAt = now + redeliverMillis;
            ObjectNode f = json.createObjectNode();
            f.put("id", p.id).put("commandType", "Common").put("time", now).put("sendTime", now);
            f.putObject("message").put("type", p.type).put("mallID", mallId).put("content", p.content);
            frame = f.toString();
        }
        sim.count(again ? "messages.redelivered" : "messages.sent");
        for (int copy = duplicates ? 2 : 1; copy > 0; copy--) {
            if (shuffle) {
                synchronized (held) {
                    held.add(frame);
                }
            } else {
                open.get(0).sendText(frame);
            }
        }
    }

    private void tick() {
        List<Pending> due = new ArrayList<>();
        long now = clock.millis();
        synchronized (pending) {
            pending.values().stream().filter(p -> p.sendTime > 0 && p.dueAt <= now).forEach(due::add);
        }
        due.forEach(p -> send(p, true));
        List<String> batch;
        synchronized (held) {
            batch = new ArrayList<>(held);
            held.clear();
        }
        if (!batch.isEmpty()) {
            Collections.shuffle(batch, random);
            List<Session> open = server.sessions();
            if (!open.isEmpty()) {
                batch.forEach(open.get(0)::sendText);
            }
        }
    }

    private void heartbeat() {
        String beat = json.createObjectNode().put("commandType", "HeartBeat").put("time", clock.millis()).toString();
        server.sessions().forEach(s -> s.sendText(beat));
    }

    @Override
    public Refusal check(Upgrade upgrade) {
        String path = upgrade.path();
        int query = path.indexOf('?');
        String[] parts = (query < 0 ? path : path.substring(0, query)).split("/", -1);
        // "", "message", client_id, timestamp, sign
        if (parts.length != 5 || !"message".equals(parts[1])) {
            return refuse(404, 10000, "参数错误:path");
        }
        String clientId = decode(parts[2]);
        if (!sim.clientId().equals(clientId)) {
            return refuse(403, 20004, "签名验证失败"); // the secret of an unknown client_id cannot match
        }
        long ts;
        try {
            ts = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return refuse(403, 10000, "参数错误:timestamp");
        }
        if (Math.abs(clock.millis() - ts) > toleranceMillis) {
            return refuse(403, 10000, "参数错误:timestamp与服务器时间相差过大");
        }
        if (!expectedSign(clientId, ts).equals(decode(parts[4]))) {
            return refuse(403, 20004, "签名验证失败");
        }
        return null;
    }

    private Refusal refuse(int status, int code, String msg) {
        sim.count("messages.refused");
        ObjectNode e = json.createObjectNode();
        e.putObject("error_response").put("error_msg", msg).put("sub_msg", msg).put("sub_code", String.valueOf(code))
                .put("error_code", code);
        return new Refusal(status, "application/json;charset=UTF-8", e.toString());
    }

    /** The simulator's own reading: Base64 over the 32 lower-case hex characters of MD5(client_id + ts + secret). */
    private String expectedSign(String clientId, long ts) {
        try {
            byte[] d = MessageDigest.getInstance("MD5")
                    .digest((clientId + ts + sim.clientSecret()).getBytes(StandardCharsets.UTF_8));
            String hex = String.format("%032x", new BigInteger(1, d));
            return Base64.getEncoder().encodeToString(hex.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    @Override
    public void opened(Session session) {
        sim.count("messages.connections");
        List<Pending> all;
        synchronized (pending) {
            all = new ArrayList<>(pending.values());
        }
        all.forEach(p -> send(p, p.sendTime > 0));
    }

    @Override
    public void text(Session session, String text) {
        JsonNode f;
        try {
            f = json.readTree(text);
        } catch (Exception e) {
            fail(session, "frame is not JSON");
            return;
        }
        switch (f.path("commandType").asText("")) {
            case "HeartBeat" -> sim.count("messages.heartbeats");
            case "Ack" -> ack(session, f);
            default -> fail(session, "unknown commandType " + f.path("commandType").asText(""));
        }
    }

    private void ack(Session session, JsonNode f) {
        long id = f.path("id").asLong(-1);
        boolean removed;
        synchronized (pending) {
            Pending p = pending.get(id);
            boolean matches = p != null && p.type.equals(f.path("type").asText()) && f.path("mallID").asLong() == mallId
                    && f.path("sendTime").canConvertToLong();
            removed = matches && pending.remove(id) != null;
            if (p != null && !matches) {
                sim.count("messages.badAcks");
            }
        }
        if (removed) {
            sim.count("messages.acked");
        } else if (pending(id)) {
            fail(session, "ack does not match message " + id + " (type, mallID and sendTime are required)");
        }
    }

    private boolean pending(long id) {
        synchronized (pending) {
            return pending.containsKey(id);
        }
    }

    private void fail(Session session, String why) {
        sim.count("messages.fails");
        ObjectNode f = json.createObjectNode();
        f.put("commandType", "Fail").put("time", clock.millis());
        f.putObject("message").put("type", "").put("mallID", mallId).put("content", why);
        session.sendText(f.toString());
    }

    @Override
    public void closed(Session session, int code) {
        sim.count("messages.closed");
    }

    /** Messages not acknowledged yet. */
    int pendingCount() {
        synchronized (pending) {
            return pending.size();
        }
    }

    /** The service goes away: every connection is closed (1001) and nobody can connect until {@link #up()}. */
    void down() {
        server.close();
    }

    /** The service is back on the same port. */
    void up() {
        server = new SimWebSocketServer(port, MAX_FRAME, this);
    }

    /** Drops every connection without a close frame (a network failure). */
    void dropConnections() {
        server.sessions().forEach(Session::drop);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }
}
