package org.ordertower.carrier.kuaidi100.internal.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.fulfilment.PartnerException.Kind;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.carrier.kuaidi100.internal.Kuaidi100Constants;
import org.ordertower.carrier.kuaidi100.internal.Kuaidi100Settings;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.Forms;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.RateLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls Kuaidi100's tracking host: subscribe ({@code POST /poll}, form {@code schema=json&param=...}, authorised by
 * the key inside param) and the real-time query ({@code POST /poll/query.do}, form {@code customer, sign, param}).
 * The one place that turns HTTP statuses and Kuaidi100's {@code returnCode}s into {@link Kind}s. Obeys the
 * account's rate (waiting at most {@link #MAX_WAIT}). Never puts the key, the salt or a phone into a message.
 * Thread-safe.
 */
public final class Kuaidi100Client {
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Kuaidi100 gives no hint; one second is the limiter's period. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** The query answered "查询无结果" (500): no trace yet. */
    public static final JsonNode NO_RESULT = Kuaidi100Json.MAPPER.createObjectNode();

    private final Logger logger = LoggerFactory.getLogger(Kuaidi100Client.class);
    private final Kuaidi100Settings settings;
    private final HttpCalls<PartnerException> calls;
    private final RateLimiter bucket;

    public Kuaidi100Client(Kuaidi100Settings settings) {
        this.settings = settings;
        this.calls = HttpCalls.named("kuaidi100", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.partner(), RETRY_AFTER);
        this.bucket = new RateLimiter(settings.ratePerSecond(), Math.max(1, settings.ratePerSecond()));
    }

    /**
     * Subscribes a number. Duplicate subscriptions (501) count as done.
     *
     * @param company Kuaidi100 company code
     * @param phone what Kuaidi100 gets of the phone (last four digits), may be null
     * @param to the destination, may be null
     */
    public void subscribe(String company, String number, String phone, String to, String callbackUrl) {
        ObjectNode param = Kuaidi100Json.MAPPER.createObjectNode();
        param.put("company", company);
        param.put("number", number);
        if (to != null && !to.isBlank()) {
            param.put("to", to);
        }
        param.put("key", settings.key());
        ObjectNode parameters = param.putObject("parameters");
        parameters.put("callbackurl", callbackUrl);
        parameters.put("salt", settings.salt());
        parameters.put("resultv2", Kuaidi100Constants.RESULTV2);
        if (phone != null) {
            parameters.put("phone", phone);
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("schema", "json");
        form.put("param", write(param));
        JsonNode answer = post("subscribe", Kuaidi100Constants.SUBSCRIBE_PATH, form);
        String code = Kuaidi100Json.optionalText(answer, "returnCode", "");
        boolean result = answer.path("result").asBoolean(false);
        if (result && Kuaidi100Constants.OK.equals(code)) {
            return;
        }
        if (Kuaidi100Constants.SUB_DUPLICATE.equals(code)) {
            logger.debug("kuaidi100 subscribe {} {}: already subscribed (501)", company, number);
            return;
        }
        throw failure("subscribe " + company + " " + number, code, answer, subscribeKind(code));
    }

    /**
     * The real-time query.
     *
     * @return the answer (com, nu, state, data...), or {@link #NO_RESULT} when Kuaidi100 has no trace yet
     */
    public JsonNode query(String company, String number, String phone) {
        ObjectNode param = Kuaidi100Json.MAPPER.createObjectNode();
        param.put("com", company);
        param.put("num", number);
        if (phone != null) {
            param.put("phone", phone);
        }
        param.put("resultv2", Kuaidi100Constants.RESULTV2);
        param.put("show", "0");
        param.put("order", "asc");
        String paramText = write(param);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("customer", settings.customer());
        form.put("sign", Kuaidi100Signer.querySign(paramText, settings.key(), settings.customer()));
        form.put("param", paramText);
        JsonNode answer = post("query", Kuaidi100Constants.QUERY_PATH, form);
        String code = Kuaidi100Json.optionalText(answer, "returnCode", "");
        JsonNode result = answer.get("result");
        if (code == null && (result == null || result.asBoolean(true))) {
            return answer;
        }
        if (Kuaidi100Constants.Q_NO_RESULT.equals(code)) {
            return NO_RESULT;
        }
        throw failure("query " + company + " " + number, code, answer, queryKind(code));
    }

    static Kind subscribeKind(String code) {
        if (code == null) {
            return Kind.PERMANENT;
        }
        return switch (code) {
            case Kuaidi100Constants.SUB_BAD_KEY, Kuaidi100Constants.SUB_KEY_EXPIRED -> Kind.AUTH;
            case Kuaidi100Constants.SUB_SERVER_ERROR -> Kind.TRANSIENT;
            default -> Kind.PERMANENT;
        };
    }

    static Kind queryKind(String code) {
        if (code == null) {
            return Kind.PERMANENT;
        }
        return switch (code) {
            case Kuaidi100Constants.Q_BAD_SIGN, Kuaidi100Constants.Q_KEY_EXPIRED -> Kind.AUTH;
            case Kuaidi100Constants.Q_SERVER_ERROR -> Kind.TRANSIENT;
            case Kuaidi100Constants.Q_BUSY -> Kind.RATE_LIMITED;
            default -> Kind.PERMANENT;
        };
    }

    private static PartnerException failure(String call, String code, JsonNode answer, Kind kind) {
        String message = answer.path("message").asText("");
        return new PartnerException(kind, "kuaidi100 " + call + " failed: " + code + " " + message, code,
                kind == Kind.RATE_LIMITED ? RETRY_AFTER : null, null);
    }

    /**
     * Posts {@code form} to {@code path} and reads the answer, a JSON object. A 429, a 5xx, a timeout and an answer
     * that is cut short or not a JSON object are retryable, since the call may have taken effect.
     */
    private JsonNode post(String call, String path, Map<String, String> form) {
        permit(call);
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.pollUrl() + path)).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Forms.encode(form), StandardCharsets.UTF_8)).build();
        JsonNode root = Kuaidi100Json.answer(calls.exchange(request, call).body(), call);
        if (!root.isObject()) {
            throw new PartnerException(Kind.TRANSIENT, "kuaidi100 " + call + " answered no JSON object", null, null, null);
        }
        return root;
    }

    private void permit(String call) {
        try {
            if (!bucket.acquire(MAX_WAIT)) {
                throw new PartnerException(Kind.RATE_LIMITED, "kuaidi100 " + call
                        + ": the connector's own rate limit for customer " + settings.customer() + " is exhausted", null,
                        RETRY_AFTER, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PartnerException(Kind.TRANSIENT, "kuaidi100 " + call + " was interrupted", null, null, e);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return Kuaidi100Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }
}
