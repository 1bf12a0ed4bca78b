package org.ordertower.channel.jd.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.jd.internal.JdConstants;
import org.ordertower.channel.jd.internal.JdSettings;
import org.ordertower.channel.jd.internal.api.JdErrors.JdApiException;
import org.ordertower.channel.jd.internal.api.dto.JdErrorDto;
import org.ordertower.channel.jd.internal.api.dto.JdTokenDto;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.PlatformClock;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TokenKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls the JOS routerjson gateway for one shop: the business parameters go into {@code 360buy_param_json}, the
 * system parameters (method, access_token, app_key, timestamp in Beijing time, v=2.0) are added and signed, and the
 * whole is POSTed as a form. The answer's {@code <method with _>_responce} object is returned. This is the one place
 * that turns HTTP statuses and JOS codes into {@link ChannelException.Kind}s: 5xx, timeouts, I/O and answers cut
 * short or not JSON are TRANSIENT, 429 and JOS code 2 RATE_LIMITED, 12/19/21 AUTH (19 after one token refresh), the
 * rest as {@link JdErrors} says. Waits at most {@link #MAX_WAIT} for the app's and the shop's rate permits.
 * Thread-safe.
 */
public final class JdClient {
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /**
     * JD's OAuth doc asks to refresh within the last 24 hours before expiry and says an expired token can no longer
     * be refreshed: the token is refreshed once it is within this margin of expiry.
     */
    static final Duration TOKEN_MARGIN = Duration.ofHours(1);

    private final Logger logger = LoggerFactory.getLogger(JdClient.class);
    private final JdSettings settings;
    private final HttpCalls<ChannelException> calls;
    private final RateLimiter app;
    private final RateLimiter shop;
    private final TokenKeeper tokens;
    /** JOS's clock, from the Date header of its answers: calls are signed with it. */
    private final PlatformClock clock;

    public JdClient(JdSettings settings) {
        this.settings = settings;
        this.clock = new PlatformClock(JdConstants.CHANNEL, settings.clock());
        // 408: the gateway gave up waiting on the request, worth another try
        this.calls = HttpCalls.named("jd", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.channel(), JdErrors.RETRY_AFTER).withTransientStatus(408).withClock(clock);
        this.app = RateLimiter.shared("jd:" + settings.appKey(), settings.appRatePerSecond());
        this.shop = new RateLimiter(settings.shopRatePerSecond(), Math.max(1, settings.shopRatePerSecond()));
        this.tokens = TokenKeeper.savedFirst(JdConstants.CHANNEL, settings.shop(),
                new AccessToken(settings.accessToken(), settings.tokenExpiresAt(), settings.refreshToken(), null),
                settings.tokens(), settings.clock(), TOKEN_MARGIN, this::renew);
    }

    /**
     * One call on the shop's behalf.
     *
     * @param business the business parameters (strings, numbers), written into 360buy_param_json with sorted keys
     * @return the {@code *_responce} object, its {@code code} checked
     */
    public JsonNode call(String method, Map<String, ?> business) {
        String token = accessToken();
        try {
            return signedByItsClock(method, business, token);
        } catch (JdApiException e) {
            if (!e.tokenRefused() || !tokens.afterRefusal(token)) {
                throw e;
            }
            logger.debug("jd {}: access token refused ({}), refreshed, calling once more", method, e.platformCode());
            return signedByItsClock(method, business, accessToken());
        }
    }

    /** JOS's clock as its answers show it. */
    public PlatformClock clock() {
        return clock;
    }

    /** {@link #send}; refused for its timestamp while the refusal showed JOS's clock: signed again by it, once. */
    private JsonNode signedByItsClock(String method, Map<String, ?> business, String token) {
        java.time.Duration offset = clock.offset();
        try {
            return send(method, business, token);
        } catch (JdApiException e) {
            if (!JdConstants.ERR_BAD_TIMESTAMP.equals(e.platformCode()) || clock.offset().equals(offset)) {
                throw e;
            }
            logger.debug("jd {}: timestamp refused, JOS's clock is {} off; calling once more", method, clock.offset());
            return send(method, business, token);
        }
    }

    /** The token to send now (refreshed first when due); none at all is AUTH. */
    private String accessToken() {
        String token = tokens.forCall().accessToken();
        if (token == null) {
            throw new ChannelException(Kind.AUTH, "jd: shop " + settings.shop() + " has no access token");
        }
        return token;
    }

    private JsonNode send(String method, Map<String, ?> business, String accessToken) {
        permit(method);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", method);
        params.put("access_token", accessToken);
        params.put("app_key", settings.appKey());
        params.put("timestamp", JdWire.clock(clock.instant()));
        params.put("v", JdConstants.VERSION);
        params.put(JdConstants.PARAM_JSON, JdWire.paramJson(business));
        params.put("sign", JdSigner.sign(settings.appSecret(), params));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl())).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
        return answer(method, calls.exchange(request, method));
    }

    /**
     * {@code /oauth2/refresh_token} as JD's OAuth doc writes it (GET with app_key, app_secret, grant_type,
     * refresh_token). The answer's {@code time} (ms) is when the token was issued; a refresh token it leaves out
     * stays the current one.
     */
    private AccessToken renew(AccessToken current) {
        permit("refresh_token");
        Map<String, String> q = new LinkedHashMap<>();
        q.put("app_key", settings.appKey());
        q.put("app_secret", settings.appSecret());
        q.put("grant_type", "refresh_token");
        q.put("refresh_token", current.refreshToken());
        URI uri = URI.create(settings.oauthUrl().replaceAll("/+$", "") + JdConstants.REFRESH_PATH + "?" + form(q));
        HttpResponse<String> response = calls.exchange(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                .build(), "refresh_token");
        JdTokenDto dto = JdWire.as(JdWire.answer(response.body(), "refresh_token"), JdTokenDto.class,
                "refresh_token answer");
        if (dto.accessToken() == null || dto.accessToken().isBlank()) {
            String code = dto.code() == null ? "?" : String.valueOf(dto.code());
            throw new ChannelException(Kind.AUTH, "jd refresh_token refused: " + code + " " + dto.msg(), code, null, null);
        }
        Instant issued = dto.time() != null ? Instant.ofEpochMilli(dto.time()) : settings.clock().instant();
        Instant expires = dto.expiresIn() == null ? null : issued.plusSeconds(dto.expiresIn());
        String refreshToken = dto.refreshToken() == null || dto.refreshToken().isBlank() ? current.refreshToken()
                : dto.refreshToken();
        return new AccessToken(dto.accessToken(), expires, refreshToken, null);
    }

    /**
     * Unwraps {@code {"<method>_responce":{"code":"0",...}}} of an HTTP 200 answer or throws for
     * {@code error_response} / a non-zero code. The answer key is the method with {@code _} for {@code .} and JD's
     * spelling {@code _responce} (also accepted: {@code _response}); the 360buy-era methods answer under their name
     * without the {@code 360buy.} prefix and with {@code _response} ({@code delivery_logistics_get_response}, as
     * public code quoting real answers shows).
     */
    static JsonNode answer(String method, HttpResponse<String> response) {
        JsonNode root = JdWire.answer(response.body(), method);
        JsonNode error = root.get("error_response");
        if (error != null) {
            JdErrorDto e = JdWire.as(error, JdErrorDto.class, "error_response");
            throw JdErrors.refusal(method, e.code() == null ? "?" : e.code(), e.zhDesc(), e.enDesc());
        }
        String key = method.replace('.', '_');
        JsonNode body = null;
        for (String name : answerKeys(method)) {
            body = root.get(name);
            if (body != null) {
                break;
            }
        }
        if (body == null || !body.isObject()) {
            throw JdWire.failure(method + " answered no " + key + "_responce object", null);
        }
        String code = body.path("code").asText("0");
        if (!"0".equals(code)) {
            // the ware/sku services describe a refusal in error_description, the order services in zh_desc/en_desc
            String zh = body.hasNonNull("zh_desc") ? body.get("zh_desc").asText() : body.path("error_description")
                    .asText(null);
            throw JdErrors.refusal(method, code, zh, body.path("en_desc").asText(null));
        }
        return body;
    }

    private static List<String> answerKeys(String method) {
        String key = method.replace('.', '_');
        return method.startsWith("360buy.")
                ? List.of(key.substring("360buy_".length()) + "_response", key + "_responce", key + "_response")
                : List.of(key + "_responce", key + "_response");
    }

    /** A business verdict inside an answer ({@code apiResult} or {@code sopjosshipment_result}) that says no. */
    public static ChannelException businessRefusal(String method, String code, String zh, String en) {
        return JdErrors.refusal(method, code == null || code.isBlank() ? "?" : code, zh, en);
    }

    private void permit(String what) {
        try {
            if (app.acquire(MAX_WAIT) && shop.acquire(MAX_WAIT)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(Kind.TRANSIENT, "jd " + what + " was interrupted waiting for a rate permit", e);
        }
        throw new ChannelException(Kind.RATE_LIMITED, "jd " + what + ": no rate permit within " + MAX_WAIT + " for shop "
                + settings.shop(), null, JdErrors.RETRY_AFTER, null);
    }

    private static String form(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
