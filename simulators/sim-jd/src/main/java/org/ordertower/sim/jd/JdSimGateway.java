package org.ordertower.sim.jd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code /routerjson}, strict as JOS: system parameters (method, v=2.0, timestamp within the tolerance, app_key,
 * sign checked with this class's own MD5 code, access_token issued by the simulator and not expired), the app's
 * call rate, one {@code 360buy_param_json} JSON object, then the method ({@link JdSimMethods}). Gateway refusals are
 * JOS's {@code error_response} {code, zh_desc, en_desc} with HTTP 200.
 */
final class JdSimGateway implements SimServer.Handler {
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter PLAIN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** The form of JD's own worked example: 2021-05-07 09:20:39.683+0800. */
    private static final DateTimeFormatter WITH_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSZ");

    private final JdSimulator sim;
    private final JdSimMethods methods;
    private final Clock clock;
    private final RateLimiter rate;
    private final Duration tolerance;

    JdSimGateway(JdSimulator sim, SimOrderBook book, JdSimRenderer renderer, Clock clock, double ratePerSecond,
            long toleranceSeconds) {
        this.sim = sim;
        this.methods = new JdSimMethods(sim, book, renderer);
        this.clock = clock;
        this.rate = new RateLimiter(ratePerSecond, Math.max(1, ratePerSecond));
        this.tolerance = Duration.ofSeconds(toleranceSeconds);
    }

    /** A gateway refusal. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final String code;
        final String zh;
        final String en;

        Refusal(String code, String zh, String en) {
            super(code + " " + en, null, false, false);
            this.code = code;
            this.zh = zh;
            this.en = en;
        }
    }

    @Override
    public SimResponse handle(SimRequest request) throws Exception {
        try {
            Map<String, String> p = request.params();
            String method = present(p, "method", "14", "缺少方法名参数", "Missing Method");
            String v = present(p, "v", "4", "缺少版本参数", "Missing Version");
            if (!"2.0".equals(v)) {
                throw new Refusal("5", "不支持的版本号", "Unsupported Version");
            }
            checkTime(present(p, "timestamp", "7", "缺少时间戳参数", "Missing Timestamp"));
            if (!sim.appKey().equals(p.get("app_key"))) {
                throw new Refusal("21", "无效的app_key", "Invalid App Key");
            }
            String sign = present(p, "sign", "11", "缺少签名参数", "Missing Signature");
            if (!MessageDigest.isEqual(expectedSign(p).getBytes(StandardCharsets.US_ASCII),
                    sign.getBytes(StandardCharsets.US_ASCII))) {
                sim.count("badSignatures");
                throw new Refusal("12", "无效签名", "Invalid Signature");
            }
            if (!methods.knows(method)) {
                throw new Refusal("15", "不存在的方法名", "Invalid Method");
            }
            if (!rate.tryAcquire()) {
                sim.count("rateLimited");
                throw new Refusal("2", "限制时间内调用失败次数", "App Call Limited");
            }
            if (!sim.tokenValid(p.get("access_token"))) {
                sim.count("badTokens");
                throw new Refusal("19", "无效access_token", "Invalid access_token");
            }
            JsonNode business = paramJson(p.get("360buy_param_json"));
            ObjectNode body = methods.call(method, business);
            ObjectNode root = JdSimRenderer.JSON.createObjectNode();
            root.set(JdSimMethods.answerKey(method), body);
            return SimResponse.json(JdSimRenderer.JSON.writeValueAsString(root));
        } catch (Refusal r) {
            sim.count("errors");
            ObjectNode root = JdSimRenderer.JSON.createObjectNode();
            ObjectNode e = root.putObject("error_response");
            e.put("code", r.code);
            e.put("zh_desc", r.zh);
            e.put("en_desc", r.en);
            return SimResponse.json(JdSimRenderer.JSON.writeValueAsString(root));
        }
    }

    private static String present(Map<String, String> p, String name, String code, String zh, String en)
            throws Refusal {
        String v = p.get(name);
        if (v == null || v.isBlank()) {
            throw new Refusal(code, zh, en);
        }
        return v;
    }

    private void checkTime(String text) throws Refusal {
        Instant at;
        try {
            at = text.length() > 19 ? OffsetDateTime.parse(text, WITH_ZONE).toInstant()
                    : LocalDateTime.parse(text, PLAIN).atZone(CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw new Refusal("8", "非法的时间戳参数", "Invalid Timestamp");
        }
        if (Duration.between(at, clock.instant()).abs().compareTo(tolerance) > 0) {
            throw new Refusal("8", "非法的时间戳参数", "Invalid Timestamp");
        }
    }

    /** The simulator's own reading of JOS signing: secret, every non-empty param but sign by name, secret; MD5. */
    private String expectedSign(Map<String, String> params) throws NoSuchAlgorithmException {
        StringBuilder text = new StringBuilder(sim.appSecret());
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!e.getKey().equals("sign") && !e.getValue().isEmpty()) {
                text.append(e.getKey()).append(e.getValue());
            }
        }
        text.append(sim.appSecret());
        byte[] md5 = MessageDigest.getInstance("MD5").digest(text.toString().getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().withUpperCase().formatHex(md5);
    }

    private static JsonNode paramJson(String text) throws Refusal {
        if (text == null || text.isBlank()) {
            return JdSimRenderer.JSON.createObjectNode();
        }
        try {
            JsonNode node = JdSimRenderer.JSON.readTree(text);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (Exception e) {
            // refused below
        }
        // assumed code: JD's table row for a malformed 360buy_param_json was not found
        throw new Refusal("61", "360buy_param_json不是合法的JSON", "Invalid 360buy_param_json");
    }
}
