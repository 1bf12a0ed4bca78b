package org.ordertower.channel.taobao.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.sim.FakeData;
import org.ordertower.connector.kit.sim.SimCommandLine;
import org.ordertower.connector.kit.sim.SimOrderBook;
import org.ordertower.connector.kit.sim.SimRequest;
import org.ordertower.connector.kit.sim.SimResponse;
import org.ordertower.connector.kit.sim.SimServer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A strict fake of the TOP gateway ({@code /router/rest}) and its OAuth token endpoint ({@code /token}) for one app
 * and one seller. It checks, in TOP's order and with TOP's codes: method (21), app_key (28/29), the app's call rate
 * (7, "This ban will last for 1 more seconds"), timestamp (30, 31: more than 10 minutes off), v (32/34), format
 * (23: this simulator speaks json only), sign_method and sign (24/25, with its own signer), the method (22), session
 * (26; 27 invalid-sessionkey or session-expired), then each method's parameters (40/41).
 *
 * <p>Settings (all optional): {@code appKey}, {@code appSecret}, {@code shop} (seller nick), {@code tokenTtlSeconds}
 * (86400), {@code ratePerSecond} (per app, 100), {@code duplicatePushes}, {@code shufflePushes} (false),
 * {@code redeliverSeconds} (60: an unconfirmed TMC message comes back after this), {@code tmcGroups} (comma list of
 * the app's TMC groups), {@code decryptQuota} (1000 receivers), {@code seed}.
 */
public final class TaobaoSimulator implements RunningSimulator {
    public static final String PATH = "/router/rest";
    public static final String OAUTH_PATH = "/token";
    static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(10);

    private final SimServer server;
    private final SimOrderBook book;
    private final SimTokens tokens;
    private final SimMessages messages;
    private final SimApis apis;
    private final String appKey;
    private final String appSecret;
    private final String shop;
    private final Clock clock = Clock.systemUTC();
    private volatile RateLimiter rate;

    private TaobaoSimulator(SimulatorOptions options) {
        Map<String, String> s = options.settings();
        appKey = s.getOrDefault("appKey", "12345678");
        appSecret = s.getOrDefault("appSecret", "helloworld");
        shop = s.getOrDefault("shop", "sim-taobao-shop");
        double perSecond = Double.parseDouble(s.getOrDefault("ratePerSecond", "100"));
        rate = new RateLimiter(perSecond, Math.max(1, perSecond));
        server = new SimServer(options.port());
        book = new SimOrderBook(clock, Long.parseLong(s.getOrDefault("seed", "42")), shop, 400_000_000_000_000L,
                FakeData.listings(600_000_000_000L));
        tokens = new SimTokens(clock, appSecret, Duration.ofSeconds(Long.parseLong(s.getOrDefault("tokenTtlSeconds", "86400"))));
        messages = new SimMessages(clock, server, shop, Duration.ofSeconds(Long.parseLong(s.getOrDefault("redeliverSeconds", "60"))),
                Boolean.parseBoolean(s.getOrDefault("duplicatePushes", "false")),
                Boolean.parseBoolean(s.getOrDefault("shufflePushes", "false")));
        messages.listen(book);
        Set<String> groups = new HashSet<>(Arrays.asList(s.getOrDefault("tmcGroups", "").split(",")));
        groups.remove("");
        apis = new SimApis(book, messages, server, groups, Integer.parseInt(s.getOrDefault("decryptQuota", "1000")));
        server.route(PATH, this::gateway).route(OAUTH_PATH, this::oauth);
    }

    /** Starts a simulator; {@link #close()} stops it. */
    public static TaobaoSimulator start(SimulatorOptions options) {
        TaobaoSimulator sim = new TaobaoSimulator(options);
        sim.server.start();
        sim.book.generate(options.ordersPerMinute(), options.peak());
        return sim;
    }

    private SimResponse gateway(SimRequest r) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Map<String, String> p = r.params();
        try {
            String method = p.get("method");
            check(p, method);
            ObjectNode root = SimError.JSON.createObjectNode();
            ObjectNode answer = apis.call(method, p);
            answer.put("request_id", requestId);
            root.set(method.substring("taobao.".length()).replace('.', '_') + "_response", answer);
            return SimResponse.json(root.toString());
        } catch (SimError e) {
            server.count("errors." + e.code, 1);
            return e.response(requestId);
        }
    }

    private void check(Map<String, String> p, String method) throws SimError {
        if (method == null || method.isBlank()) {
            throw new SimError(21, "Missing method", null, null);
        }
        String key = p.get("app_key");
        if (key == null || key.isBlank()) {
            throw new SimError(28, "Missing app key", null, null);
        }
        if (!Digests.sameSignature(appKey, key)) {
            throw new SimError(29, "Invalid app key", null, null);
        }
        if (!rate.tryAcquire()) {
            throw new SimError(7, "App Call Limited", "accesscontrol.limited-by-app-access-count",
                    "This ban will last for 1 more seconds");
        }
        String ts = p.get("timestamp");
        if (ts == null || ts.isBlank()) {
            throw new SimError(30, "Missing timestamp", null, null);
        }
        Instant at;
        try {
            at = LocalDateTime.parse(ts, SimRenderer.TIME).atZone(ZoneId.of("GMT+8")).toInstant();
        } catch (DateTimeParseException e) {
            throw new SimError(31, "Invalid timestamp", null, "timestamp must be yyyy-MM-dd HH:mm:ss GMT+8");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) > 0) {
            throw new SimError(31, "Invalid timestamp", null, "时间戳与服务器时间误差超过10分钟");
        }
        String v = p.get("v");
        if (v == null || v.isBlank()) {
            throw new SimError(32, "Missing version", null, null);
        }
        if (!"2.0".equals(v)) {
            throw new SimError(34, "Unsupported version", null, null);
        }
        if (!"json".equals(p.get("format"))) {
            throw new SimError(23, "Invalid format", null, "this simulator answers format=json only");
        }
        String sign = p.get("sign");
        if (sign == null || sign.isBlank()) {
            throw new SimError(24, "Missing signature", null, null);
        }
        String expected = SimTopSigner.expected(appSecret, p);
        if (expected == null) {
            throw SimError.invalid("sign_method", "sign_method must be md5, hmac or hmac-sha256");
        }
        if (!Digests.sameSignature(expected, sign)) {
            server.count("auth.badSignature", 1);
            throw new SimError(25, "Invalid signature", null, null);
        }
        if (!SimApis.known(method)) {
            throw new SimError(22, "Invalid method", null, null);
        }
        if (SimApis.needsSession(method)) {
            String session = p.get("session");
            if (session == null || session.isBlank()) {
                throw new SimError(26, "Missing session", null, null);
            }
            switch (tokens.check(session)) {
                case UNKNOWN -> throw new SimError(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
                case EXPIRED -> throw new SimError(27, "Invalid session", "session-expired", "SessionKey过期");
                default -> {
                }
            }
        }
    }

    /** {@code grant_type=refresh_token} only (the code flow needs a browser); OAuth errors as TOP's OAuth answers them. */
    private SimResponse oauth(SimRequest r) {
        Map<String, String> p = r.params();
        if (!"POST".equals(r.method())) {
            return oauthError(405, "invalid_request", "use POST");
        }
        if (!appKey.equals(p.get("client_id")) || !Digests.sameSignature(appSecret, p.getOrDefault("client_secret", ""))) {
            return oauthError(401, "invalid_client", "client_id or client_secret is wrong");
        }
        if (!"refresh_token".equals(p.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "the simulator refreshes tokens only");
        }
        SimTokens.Issued t = tokens.refresh(p.get("refresh_token"));
        if (t == null) {
            return oauthError(400, "invalid_grant", "refresh_token is invalid or expired");
        }
        server.count("token.refreshed", 1);
        ObjectNode o = SimError.JSON.createObjectNode();
        o.put("access_token", t.accessToken()).put("token_type", "Bearer").put("expires_in", t.expiresIn())
                .put("refresh_token", t.refreshToken()).put("re_expires_in", t.reExpiresIn())
                .put("r1_expires_in", t.expiresIn()).put("r2_expires_in", t.expiresIn())
                .put("w1_expires_in", t.expiresIn()).put("w2_expires_in", t.expiresIn())
                .put("taobao_user_nick", shop).put("taobao_user_id", "2200000000");
        return SimResponse.json(o.toString());
    }

    private static SimResponse oauthError(int status, String error, String description) {
        ObjectNode o = SimError.JSON.createObjectNode();
        o.put("error", error).put("error_description", description);
        return SimResponse.json(status, o.toString());
    }

    /** The order book behind the gateway (tests seed it, ship and change orders through it). */
    public SimOrderBook book() {
        return book;
    }

    /** The session a client should use now. */
    public String accessToken() {
        return tokens.accessToken();
    }

    public String refreshToken() {
        return tokens.refreshToken();
    }

    /** Makes the current session expire now. */
    public void expireAccessToken() {
        tokens.expireNow();
    }

    /** Changes the app's call rate limit. */
    public void limit(double perSecond) {
        rate = new RateLimiter(perSecond, Math.max(1, perSecond));
    }

    /** TMC messages waiting (unconfirmed, visible or not). */
    public int pendingMessages() {
        return messages.pending();
    }

    public String oauthUrl() {
        return server.baseUrl() + OAUTH_PATH;
    }

    public String appKey() {
        return appKey;
    }

    public String shop() {
        return shop;
    }

    /** The calls served, for assertions. */
    public java.util.List<SimRequest> calls() {
        return server.calls();
    }

    @Override
    public String channelId() {
        return "taobao";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String gatewayUrl() {
        return server.baseUrl() + PATH;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new HashMap<>(server.counters());
        c.put("orders", (long) book.size());
        c.put("tmc.pending", (long) messages.pending());
        return c;
    }

    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        book.generate(ordersPerMinute, peak);
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return Map.of("shop", shop(), "appKey", appKey(), "appSecret", appSecret, "accessToken", accessToken(),
                "refreshToken", refreshToken(), "gatewayUrl", gatewayUrl(), "oauthUrl", oauthUrl());
    }

    @Override
    public void close() {
        book.close();
        server.close();
    }

    /** {@code java -jar ...-sim.jar --port 8201 --rate 60 --peak --app-key K --app-secret S --shop nick}. */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8201);
        TaobaoSimulator sim = start(new SimulatorOptions(line.port(), line.rate(), line.peak(), line.settings()));
        SimCommandLine.serve("Taobao TOP simulator", sim.shopConfiguration(), sim);
    }
}
