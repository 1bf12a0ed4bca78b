package org.ordertower.sim.douyin;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTokenBook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The gateway's checks, in the platform's order and codes, before a method runs: app key, version,
 * timestamp (unix seconds as the SDKs send, or {@code yyyy-MM-dd HH:mm:ss} Beijing time as the doc table
 * shows; within the tolerance), signature (its own code: the SDK pattern over the body exactly as sent),
 * the app's rate, the method, the access token. Answers every call with HTTP 200 and the JSON envelope.
 */
final class DouyinSimGateway {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter DOC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

    private final DouyinSimSettings settings;
    private final Clock clock;
    private final RateLimiter rate;
    private final SimTokenBook tokens;
    private final DouyinSimMethods methods;
    private final SimServer server;
    private final AtomicLong logIds = new AtomicLong();

    DouyinSimGateway(DouyinSimSettings settings, Clock clock, SimTokenBook tokens, DouyinSimMethods methods,
            SimServer server) {
        this.settings = settings;
        this.clock = clock;
        this.rate = new RateLimiter(settings.ratePerSecond(), Math.max(1, settings.ratePerSecond()));
        this.tokens = tokens;
        this.methods = methods;
        this.server = server;
    }

    SimResponse handle(SimRequest r) {
        String logId = "2026" + String.format("%016d", logIds.incrementAndGet()) + "SIM";
        boolean oldCodes = !"1".equals(r.headers().get("x-open-no-old-err-code"));
        try {
            JsonNode data = serve(r);
            ObjectNode ok = MAPPER.createObjectNode();
            ok.put("code", 10000).put("msg", "success").put("sub_code", "").put("sub_msg", "").put("log_id", logId);
            if (oldCodes) {
                ok.put("err_no", 0).put("message", "success");
            }
            ok.set("data", data);
            return SimResponse.json(ok.toString());
        } catch (DouyinSimError e) {
            server.count("refused." + e.code, 1);
            ObjectNode err = MAPPER.createObjectNode();
            err.put("code", e.code).put("msg", e.msg).put("sub_code", e.subCode).put("sub_msg", e.subMsg).put("log_id", logId);
            if (oldCodes) {
                err.put("err_no", e.code).put("message", e.subMsg);
            }
            return SimResponse.json(err.toString());
        }
    }

    private JsonNode serve(SimRequest r) {
        String appKey = r.query().get("app_key");
        if (appKey == null || appKey.isEmpty()) {
            throw DouyinSimError.missing("isv.app-id-missing", "认证失败，app_key不存在");
        }
        if (!appKey.matches("\\d{19}")) {
            throw DouyinSimError.invalid("isv.app-id-invalid", "认证失败，app_key格式不正确，应为19位纯数字");
        }
        if (!appKey.equals(settings.appKey())) {
            throw DouyinSimError.missing("isv.app-id-missing", "认证失败，app_key不存在");
        }
        String method = r.query().get("method");
        if (method == null || method.isEmpty()) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数method");
        }
        if (!"2".equals(r.query().get("v"))) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "参数v取值不正确，应为2");
        }
        checkTimestamp(r.query().get("timestamp"));
        String paramJson = r.body().isEmpty() ? r.query().getOrDefault("param_json", "{}") : r.body();
        checkSign(r, appKey, method, paramJson);
        if (!rate.tryAcquire()) {
            server.count("rateLimited", 1);
            throw new DouyinSimError(60000, "超过限流限制", "isv.traffic-limited", "请求太频繁，请稍后重试");
        }
        if (!r.path().equals("/" + method.replace('.', '/'))) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "请求路径与method不一致");
        }
        if (!"POST".equals(r.method())) {
            throw DouyinSimError.invalid("isv.parameter-invalid", "仅支持POST请求");
        }
        if (!methods.knows(method)) {
            throw new DouyinSimError(70000, "服务已下线", "isp.api-service-off", "API不存在或API已下线");
        }
        if (!methods.isTokenCall(method)) {
            checkToken(r.query().get("access_token"));
        }
        JsonNode params;
        try {
            params = MAPPER.readTree(paramJson);
        } catch (Exception e) {
            throw DouyinSimError.invalid("isv.parameter-format-invalid", "业务参数json解析失败");
        }
        if (params == null || !params.isObject()) {
            throw DouyinSimError.invalid("isv.parameter-format-invalid", "业务参数json解析失败");
        }
        server.count("method." + method, 1);
        return methods.call(method, params);
    }

    private void checkTimestamp(String ts) {
        if (ts == null || ts.isEmpty()) {
            throw DouyinSimError.missing("isv.parameter-missing", "缺少参数timestamp");
        }
        Instant at;
        try {
            at = ts.matches("\\d{1,12}") ? Instant.ofEpochSecond(Long.parseLong(ts))
                    : LocalDateTime.parse(ts, DOC_TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException e) {
            throw DouyinSimError.invalid("isv.timestamp-format-error", "时间戳格式错误");
        }
        if (Math.abs(at.getEpochSecond() - clock.instant().getEpochSecond()) > settings.timestampToleranceSeconds()) {
            throw DouyinSimError.invalid("isv.timestamp-invalid", "时间戳不合法");
        }
    }

    private void checkSign(SimRequest r, String appKey, String method, String paramJson) {
        String sign = r.query().get("sign");
        if (sign == null || sign.isEmpty()) {
            throw DouyinSimError.missing("isv.signature-missing", "获取签名失败，请根据文档确保参数拼装正确");
        }
        String secret = settings.appSecret();
        String pattern = secret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp"
                + r.query().get("timestamp") + "v2" + secret;
        String signMethod = r.query().getOrDefault("sign_method", "md5");
        String expected = switch (signMethod) {
            case "hmac-sha256" -> Digests.hmacHex("HmacSHA256", secret, pattern);
            case "md5" -> Digests.md5Hex(pattern);
            default -> throw DouyinSimError.invalid("isv.parameter-invalid", "sign_method取值不正确");
        };
        if (!Digests.sameSignature(expected, sign)) {
            throw DouyinSimError.invalid("isv.signature-invalid", "签名校验失败");
        }
    }

    private void checkToken(String token) {
        if (token == null || token.isEmpty()) {
            throw DouyinSimError.missing("isv.access-token-missing", "认证失败，access_token不能为空");
        }
        switch (tokens.check(token)) {
            case UNKNOWN -> throw DouyinSimError.invalid("isv.access-token-no-existed",
                    "access_token不存在，请使用最新的access_token访问");
            case EXPIRED -> throw DouyinSimError.invalid("isv.access-token-expired", "access_token已过期");
            default -> {
            }
        }
    }
}
