package org.ordertower.sim.example;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTokenBook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /router}, strict: a POSTed form; system parameters method, v=1, timestamp (epoch seconds within the
 * tolerance), app_key, sign (checked with this class's own HMAC-SHA256 code), access_token issued by the simulator
 * and not expired (every method but token.refresh); the app's call rate; then the method ({@link ExampleSimMethods}).
 * Every answer is HTTP 200 {@code {"code":0,"message":"ok","data":{...}}}, a refusal
 * {@code {"code":<n>,"message":...}}: 40001 missing parameter, 40002 bad parameter, 40003 unknown method, 40004 bad
 * cursor, 40101 signature, 40102 app key, 40103 unknown access token, 40104 expired access token, 40105 timestamp,
 * 40106 refresh token, 40401 not found, 40901 already shipped, 40902 not shippable, 42901 rate.
 */
final class ExampleSimGateway implements SimServer.Handler {
    private final ExampleSimulator sim;
    private final ExampleSimMethods methods;
    private final Clock clock;
    private final RateLimiter rate;
    private final long toleranceSeconds;

    ExampleSimGateway(ExampleSimulator sim, ExampleSimMethods methods, Clock clock, double ratePerSecond,
            long toleranceSeconds) {
        this.sim = sim;
        this.methods = methods;
        this.clock = clock;
        this.rate = new RateLimiter(ratePerSecond, Math.max(1, ratePerSecond));
        this.toleranceSeconds = toleranceSeconds;
    }

    /** A refusal: the platform's code and message. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final int code;

        Refusal(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    @Override
    public SimResponse handle(SimRequest request) throws Exception {
        try {
            if (!"POST".equals(request.method()) || request.form().isEmpty()) {
                throw new Refusal(40002, "the gateway takes a POSTed form");
            }
            Map<String, String> p = request.form();
            String method = present(p, "method");
            if (!"1".equals(present(p, "v"))) {
                throw new Refusal(40002, "unsupported version");
            }
            String timestamp = present(p, "timestamp");
            if (!timestamp.matches("\\d{1,12}")
                    || Math.abs(Long.parseLong(timestamp) - clock.instant().getEpochSecond()) > toleranceSeconds) {
                throw new Refusal(40105, "timestamp out of range");
            }
            if (!sim.appKey().equals(present(p, "app_key"))) {
                throw new Refusal(40102, "unknown app_key");
            }
            if (!MessageDigest.isEqual(expectedSign(p).getBytes(StandardCharsets.US_ASCII),
                    present(p, "sign").getBytes(StandardCharsets.US_ASCII))) {
                sim.count("badSignatures");
                throw new Refusal(40101, "invalid signature");
            }
            if (!methods.knows(method)) {
                throw new Refusal(40003, "unknown method " + method);
            }
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal(42901, "app call rate exceeded");
            }
            if (!ExampleSimMethods.REFRESH.equals(method)) {
                SimTokenBook.Status token = sim.tokenStatus(present(p, "access_token"));
                if (token != SimTokenBook.Status.VALID) {
                    sim.count("badTokens");
                    throw token == SimTokenBook.Status.EXPIRED ? new Refusal(40104, "access_token expired")
                            : new Refusal(40103, "invalid access_token");
                }
            }
            ObjectNode root = ExampleSimRenderer.JSON.createObjectNode();
            JsonNode data = methods.call(method, p);
            root.put("code", 0).put("message", "ok").set("data", data);
            return SimResponse.json(ExampleSimRenderer.JSON.writeValueAsString(root));
        } catch (Refusal r) {
            sim.count("errors");
            ObjectNode root = ExampleSimRenderer.JSON.createObjectNode().put("code", r.code)
                    .put("message", r.getMessage());
            return SimResponse.json(ExampleSimRenderer.JSON.writeValueAsString(root));
        }
    }

    static String present(Map<String, String> p, String name) throws Refusal {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new Refusal(40001, "missing parameter " + name);
        }
        return v;
    }

    /** The simulator's own reading of the signature: HMAC-SHA256(secret, "k=v&..." sorted, sign left out), hex. */
    private String expectedSign(Map<String, String> params) throws GeneralSecurityException {
        StringJoiner text = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && !v.isEmpty()) {
                text.add(k + "=" + v);
            }
        });
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(sim.appSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
