package org.ordertower.sim.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.RateLimiter;

/**
 * The system-parameter checks of a TOP gateway ({@code router/rest}, docId=101617), in TOP's order and with its
 * codes: method (21), app_key (28/29), the app's call rate (7, "This ban will last for 1 more seconds"), timestamp
 * (30, 31: more than 10 minutes off), v (32/34), format (23: the simulators speak json only), sign_method and sign
 * (41, 24/25, with {@link SimTopSigner}), the method (22), session (26; 27 invalid-sessionkey or
 * session-expired). Each simulator then checks its methods' own parameters. Thread-safe.
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
