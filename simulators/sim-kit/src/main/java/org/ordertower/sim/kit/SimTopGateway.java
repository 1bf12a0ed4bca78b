package org.ordertower.sim.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.RateLimiter;

/**
 * The system-parameter checks of a TOP gateway ({@code router/rest}, docId=101617), in TOP's order and with its
 * codes: method (21), app_key (28/29), the app's call rate (7, "This ban will last for 1 more seconds"), timestamp
 * (30, 31: more than 10 minutes off), v (32/34), format (23: the simulators speak json only), sign_method and sign
 * (41, 24/25, with {@link SimTopSigner}), the method (22), session (26; 27 invalid-sessionkey or
 * session-expired). Each simulator then checks its methods' own parameters ({@link #required}). {@link #serve} answers
 * a whole call as TOP does: the {@code <method>_response} envelope with a {@code request_id}, or the error's
 * {@code error_response} (counted on the server as {@code errors.<code>}). Thread-safe.
 */
public final class SimTopGateway {
    /** How far a request's timestamp may be from the gateway's clock. */
    public static final Duration TIMESTAMP_TOLERANCE = Duration.ofMinutes(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId GMT8 = ZoneId.of("GMT+8");

    /** What the simulator's session book says of a {@code session}. */
    public enum Session {
        VALID, UNKNOWN, EXPIRED
    }

    /** The simulator's side of one method that passed the gateway's checks. */
    @FunctionalInterface
    public interface Method {
        /**
         * @return the fields of the method's {@code *_response} object, as the text of a JSON object
         * @throws SimTopError a refusal of the method's parameters or a business error
         */
        String answer(String method, Map<String, String> params) throws SimTopError;
    }

    private final String appKey;
    private final String appSecret;
    private final Clock clock;
    private final SimServer server;
    private volatile RateLimiter rate;

    /** {@code server} gets the counters ({@code auth.badSignature}); {@code clock} is the real one (timestamps). */
    public SimTopGateway(String appKey, String appSecret, double ratePerSecond, Clock clock, SimServer server) {
        this.appKey = appKey;
        this.appSecret = appSecret;
        this.clock = clock;
        this.server = server;
        limit(ratePerSecond);
    }

    /** Changes the app's call rate limit. */
    public void limit(double perSecond) {
        rate = new RateLimiter(perSecond, Math.max(1, perSecond));
    }

    public String appKey() {
        return appKey;
    }

    /**
     * Checks the system parameters of one call.
     *
     * @param known whether the gateway serves a method
     * @param needsSession whether a method acts for a seller
     * @param sessions the session book's view of a {@code session} value
     * @throws SimTopError the first failed check, as TOP answers it
     */
    public void check(Map<String, String> p, Predicate<String> known, Predicate<String> needsSession,
            Function<String, Session> sessions) throws SimTopError {
        String method = p.get("method");
        if (method == null || method.isBlank()) {
            throw new SimTopError(21, "Missing method", null, null);
        }
        String key = p.get("app_key");
        if (key == null || key.isBlank()) {
            throw new SimTopError(28, "Missing app key", null, null);
        }
        if (!Digests.sameSignature(appKey, key)) {
            throw new SimTopError(29, "Invalid app key", null, null);
        }
        if (!rate.tryAcquire()) {
            throw new SimTopError(7, "App Call Limited", "accesscontrol.limited-by-app-access-count",
                    "This ban will last for 1 more seconds");
        }
        checkTimestamp(p.get("timestamp"));
        String v = p.get("v");
        if (v == null || v.isBlank()) {
            throw new SimTopError(32, "Missing version", null, null);
        }
        if (!"2.0".equals(v)) {
            throw new SimTopError(34, "Unsupported version", null, null);
        }
        if (!"json".equals(p.get("format"))) {
            throw new SimTopError(23, "Invalid format", null, "this simulator answers format=json only");
        }
        String sign = p.get("sign");
        if (sign == null || sign.isBlank()) {
            throw new SimTopError(24, "Missing signature", null, null);
        }
        String expected = SimTopSigner.expected(appSecret, p);
        if (expected == null) {
            throw SimTopError.invalid("sign_method", "sign_method must be md5, hmac or hmac-sha256");
        }
        if (!Digests.sameSignature(expected, sign)) {
            server.count("auth.badSignature", 1);
            throw new SimTopError(25, "Invalid signature", null, null);
        }
        if (!known.test(method)) {
            throw new SimTopError(22, "Invalid method", null, null);
        }
        if (needsSession.test(method)) {
            String session = p.get("session");
            if (session == null || session.isBlank()) {
                throw new SimTopError(26, "Missing session", null, null);
            }
            switch (sessions.apply(session)) {
                case UNKNOWN -> throw new SimTopError(27, "Invalid session", "invalid-sessionkey", "SessionKey非法");
                case EXPIRED -> throw new SimTopError(27, "Invalid session", "session-expired", "SessionKey过期");
                default -> {
                }
            }
        }
    }

    /**
     * Answers one call: {@link #check}, then {@code method}, in TOP's envelope
     * ({@code {"<name>_response":{...,"request_id":...}}}, the name being the method's without {@code taobao.} and
     * with {@code _} for {@code .}), or the {@code error_response} of the first refusal.
     */
    public SimResponse serve(SimRequest r, Predicate<String> known, Predicate<String> needsSession,
            Function<String, Session> sessions, Method method) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Map<String, String> p = r.params();
        try {
            check(p, known, needsSession, sessions);
            String name = p.get("method");
            return SimResponse.json(envelope(name, method.answer(name, p), requestId));
        } catch (SimTopError e) {
            server.count("errors." + e.code, 1);
            return e.response(requestId);
        }
    }

    /** A required parameter's value; TOP's 40 when it is missing or blank. */
    public static String required(Map<String, String> p, String name) throws SimTopError {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw SimTopError.missing(name);
        }
        return v;
    }

    /** {@code {"<name>_response":<answer with request_id last>}}. */
    static String envelope(String method, String answer, String requestId) {
        String a = answer.strip();
        if (!a.startsWith("{") || !a.endsWith("}")) {
            throw new IllegalArgumentException("a TOP answer is a JSON object, not " + answer);
        }
        String name = (method.startsWith("taobao.") ? method.substring("taobao.".length()) : method).replace('.', '_');
        String fields = a.substring(1, a.length() - 1).strip();
        return "{\"" + name + "_response\":{" + fields + (fields.isEmpty() ? "" : ",") + "\"request_id\":\"" + requestId
                + "\"}}";
    }

    private void checkTimestamp(String ts) throws SimTopError {
        if (ts == null || ts.isBlank()) {
            throw new SimTopError(30, "Missing timestamp", null, null);
        }
        Instant at;
        try {
            at = LocalDateTime.parse(ts, TIME).atZone(GMT8).toInstant();
        } catch (DateTimeParseException e) {
            throw new SimTopError(31, "Invalid timestamp", null, "timestamp must be yyyy-MM-dd HH:mm:ss GMT+8");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(TIMESTAMP_TOLERANCE) > 0) {
            throw new SimTopError(31, "Invalid timestamp", null, "时间戳与服务器时间误差超过10分钟");
        }
    }
}
