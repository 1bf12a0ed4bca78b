package org.ordertower.carrier.cainiao.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.carrier.cainiao.internal.CainiaoSettings;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TopSigning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls TOP's router ("API调用方法详解", docId=101617): system parameters, signature, form POST, JSON answer. The one
 * place that turns HTTP statuses and TOP's {@code error_response} into {@link PartnerException.Kind}s. A status 200
 * whose body is cut short or is not JSON is TRANSIENT, since the call may have taken effect; a complete JSON answer
 * without the method's response object is PERMANENT. Never logs a parameter value (business parameters carry
 * receivers) nor an answer (print data). Thread-safe.
 */
public final class CainiaoClient {
    /** Wait at most this long for each rate-limit permit (the account's, the app's) before answering RATE_LIMITED. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /**
     * TOP's platform errors that need an operator: 11/12 missing app or user permission, 24/25 signature, 26/27
     * session, 28/29 app key (docId=114 平台级错误码).
     */
    private static final Set<Integer> AUTH_CODES = Set.of(11, 12, 24, 25, 26, 27, 28, 29);
    /** Code 7 (App Call Limited) says in sub_msg how long the ban lasts. */
    private static final Pattern BAN = Pattern.compile("(\\d+)\\s*more\\s*seconds");
    public static final ObjectMapper JSON = new ObjectMapper();

    private final CainiaoSettings settings;
    private final HttpCalls<PartnerException> calls;
    private final RateLimiter limit;
    private final RateLimiter appLimit;

    public CainiaoClient(CainiaoSettings settings) {
        this.settings = settings;
        this.calls = HttpCalls.top(HttpClient.newBuilder().connectTimeout(settings.timeout()).build(), Failure.partner(),
                Duration.ofSeconds(1));
        this.limit = new RateLimiter(settings.ratePerSecond(), Math.max(1, settings.ratePerSecond()));
        // TOP counts the app's calls together, whichever product makes them: the bucket is the one the Taobao channel
        // of the same app key takes from too (its own bundle, the one kit bundle)
        this.appLimit = RateLimiter.shared(RateLimiter.TOP + settings.appKey(), settings.appRatePerSecond());
    }

    /**
     * Calls a method for the seller ({@code session} sent).
     *
     * @return the method's {@code *_response} object
     * @throws PartnerException of the kind TOP's answer calls for
     */
    public JsonNode call(String method, Map<String, String> business) {
        throttle(method);
        Map<String, String> params = TopSigning.request(method, settings.appKey(), settings.session(), settings.clock().instant(),
                settings.signMethod(), business, settings.appSecret());
        JsonNode root = post(method, params);
        JsonNode error = root.get("error_response");
        if (error != null) {
            throw classify(method, error);
        }
        String key = responseKey(method);
        JsonNode answer = root.get(key);
        if (answer == null || !answer.isObject()) {
            throw new PartnerException(Kind.PERMANENT, "TOP " + method + " answered without " + key);
        }
        return answer;
    }

    /**
     * {@code cainiao.waybill.ii.get} answers {@code cainiao_waybill_ii_get_response}; TOP drops the {@code taobao.}
     * prefix only ({@code taobao.logistics.trace.get}: {@code logistics_trace_get_response}).
     */
    static String responseKey(String method) {
        String m = method.startsWith("taobao.") ? method.substring("taobao.".length()) : method;
        return m.replace('.', '_') + "_response";
    }

    /** The one translation of TOP's error_response into a kind. */
    static PartnerException classify(String method, JsonNode e) {
        String code = text(e, "code");
        String msg = text(e, "msg");
        String sub = text(e, "sub_code");
        String subMsg = text(e, "sub_msg");
        int n;
        try {
            n = Integer.parseInt(code == null ? "" : code.strip());
        } catch (NumberFormatException x) {
            n = -1;
        }
        String partnerCode = code + (sub == null || sub.isBlank() ? "" : "/" + sub);
        String message = "TOP " + method + " refused: " + code + " " + msg
                + (sub == null && subMsg == null ? "" : " (" + sub + (subMsg == null ? "" : ": " + subMsg) + ")");
        if (n == 7 || sub != null && sub.startsWith("accesscontrol.")) {
            return new PartnerException(Kind.RATE_LIMITED, message, partnerCode, banLength(subMsg), null);
        }
        Kind kind;
        if (isQuota(sub, subMsg)) {
            kind = Kind.QUOTA;
        } else if (n == 10 || sub != null && sub.startsWith("isp.")) {
            kind = Kind.TRANSIENT; // service unavailable, or the platform's own side failed (isp.*)
        } else if (AUTH_CODES.contains(n)) {
            kind = Kind.AUTH;
        } else {
            kind = Kind.PERMANENT; // isv.*: the call as made is wrong
        }
        return new PartnerException(kind, message, partnerCode, null, null);
    }

    /**
     * Cainiao reports a spent balance as a business error whose text says 电子面单余额不足 (seen with sub_code
     * isv.invalid-parameter in integrators' recorded answers); a sub_code naming the balance counts too.
     */
    private static boolean isQuota(String sub, String subMsg) {
        return subMsg != null && subMsg.contains("余额不足")
                || sub != null && (sub.contains("BALANCE") || sub.contains("balance-not-enough"));
    }

    private static Duration banLength(String subMsg) {
        Matcher m = subMsg == null ? null : BAN.matcher(subMsg);
        if (m != null && m.find()) {
            return Duration.ofSeconds(Math.max(1, Math.min(86_400, Long.parseLong(m.group(1)))));
        }
        return Duration.ofSeconds(1);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void throttle(String method) {
        try {
            // the account's own permit first: an account over its share does not spend the app's permits
            if (!limit.acquire(MAX_WAIT)) {
                throw new PartnerException(Kind.RATE_LIMITED, "TOP " + method + " for Cainiao account " + settings.account()
                        + " waited over " + MAX_WAIT.toSeconds() + " s for the account's own rate limit", null,
                        Duration.ofSeconds(1), null);
            }
            if (!appLimit.acquire(MAX_WAIT)) {
                throw new PartnerException(Kind.RATE_LIMITED, "TOP " + method + " for Cainiao account " + settings.account()
                        + " waited over " + MAX_WAIT.toSeconds() + " s for the TOP app's rate limit (app key "
                        + settings.appKey() + ")", null, Duration.ofSeconds(1), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException(Kind.TRANSIENT, "interrupted while waiting for the rate limit", null, null, e);
        }
    }

    private JsonNode post(String method, Map<String, String> form) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl())).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = calls.exchange(request, method);
        try {
            JsonNode root = JSON.readTree(response.body());
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException e) {
            // below: a gateway that answers 200 always answers a JSON object, so this answer is cut or foreign
        }
        // the platform may well have done what the call asked (a waybill issued) and only its answer was lost on
        // the way: a retry meets that effect (the same waybill for the same object_id), a permanent failure loses it
        throw new PartnerException(Kind.TRANSIENT, "TOP " + method + " answered HTTP 200 with a body that is not a JSON object"
                + " (truncated or malformed; " + responseKey(method) + " unreadable)");
    }
}
