package org.ordertower.channel.example.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.example.internal.ExampleConstants;
import org.ordertower.channel.example.internal.ExampleSettings;
import org.ordertower.channel.example.internal.api.ExampleErrors.ExampleApiException;
import org.ordertower.channel.example.internal.api.dto.ExampleTokenDto;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TokenKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls the Example Mall gateway for one shop: the business parameters and the system parameters (method, app_key,
 * timestamp in epoch seconds, v, access_token) are signed ({@link ExampleSigner}) and POSTed as a form; the answer is
 * {@code {"code":0,"message":"ok","data":{...}}} and {@code data} is returned. This is the one place that turns HTTP
 * statuses and the platform's codes into {@link ChannelException.Kind}s: 5xx, timeouts, I/O and non-JSON answers are
 * TRANSIENT, 429 and code 42901 RATE_LIMITED, the rest as {@link ExampleErrors} says; a refused access token (40103,
 * 40104) is refreshed once and the call repeated. Waits at most {@link #MAX_WAIT} for the app's and the shop's rate
 * permits. Thread-safe.
 */
public final class ExampleClient {
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Access tokens are refreshed this long before they expire. */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(10);

    private final Logger logger = LoggerFactory.getLogger(ExampleClient.class);
    private final ExampleSettings settings;
    private final HttpCalls<ChannelException> calls;
    private final RateLimiter app;
    private final RateLimiter shop;
    private final TokenKeeper tokens;

    public ExampleClient(ExampleSettings settings) {
        this.settings = settings;
        this.calls = HttpCalls.named("example", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.channel(), ExampleErrors.RETRY_AFTER);
        this.app = RateLimiter.shared("example:" + settings.appKey(), settings.appRatePerSecond());
        this.shop = new RateLimiter(settings.shopRatePerSecond(), Math.max(1, settings.shopRatePerSecond()));
        this.tokens = TokenKeeper.savedFirst(ExampleConstants.CHANNEL, settings.shop(),
                new AccessToken(settings.accessToken(), settings.tokenExpiresAt(), settings.refreshToken(), null),
                settings.tokens(), settings.clock(), TOKEN_MARGIN, this::renew);
    }

    /**
     * One call on the shop's behalf.
     *
     * @param business the business parameters; null or empty values are not sent
     * @return the answer's {@code data} object
     */
    public JsonNode call(String method, Map<String, String> business) {
        String token = accessToken();
        try {
            return send(method, business, token);
        } catch (ExampleApiException e) {
            if (!e.tokenRefused() || !tokens.afterRefusal(token)) {
                throw e;
            }
            logger.debug("example {}: access token refused ({}), refreshed, calling once more", method, e.code());
            return send(method, business, accessToken());
        }
    }

    /** The token to send now (refreshed first when due); none at all is AUTH. */
    private String accessToken() {
        String token = tokens.forCall().accessToken();
        if (token == null) {
            throw new ChannelException(Kind.AUTH, "example: shop " + settings.shop() + " has no access token");
        }
        return token;
    }

    private JsonNode send(String method, Map<String, String> business, String accessToken) {
        permit(method);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", method);
        params.put("app_key", settings.appKey());
        params.put("timestamp", Long.toString(settings.clock().instant().getEpochSecond()));
        params.put("v", ExampleConstants.VERSION);
        if (accessToken != null) {
            params.put("access_token", accessToken);
        }
        business.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                params.put(k, v);
            }
        });
        params.put("sign", ExampleSigner.sign(settings.appSecret(), params));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl())).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form(params))).build();
        return answer(method, calls.exchange(request, method));
    }

    /** {@code token.refresh}: signed like any call but without an access token; the refresh token rotates. */
    private AccessToken renew(AccessToken current) {
        JsonNode data = send(ExampleConstants.TOKEN_REFRESH, Map.of("refresh_token", current.refreshToken()), null);
        ExampleTokenDto dto = ExampleWire.as(data, ExampleTokenDto.class, "token.refresh data");
        if (dto.accessToken() == null || dto.accessToken().isBlank()) {
            throw new ChannelException(Kind.AUTH, "example token.refresh answered no access_token");
        }
        String refreshToken = dto.refreshToken() == null || dto.refreshToken().isBlank() ? current.refreshToken()
                : dto.refreshToken();
        return new AccessToken(dto.accessToken(), dto.expiresIn() == null ? null
                : settings.clock().instant().plusSeconds(dto.expiresIn()), refreshToken, null);
    }

    /** Unwraps {@code {"code":0,"data":{...}}} of an HTTP 200 answer or throws for a non-zero code. */
    static JsonNode answer(String method, HttpResponse<String> response) {
        JsonNode root;
        try {
            root = ExampleWire.read(response.body(), "example " + method + " answer");
        } catch (ChannelException e) {
            // a proxy's HTML page instead of the platform's JSON: worth another try later
            throw new ChannelException(Kind.TRANSIENT, e.getMessage(), e);
        }
        JsonNode code = root.get("code");
        if (code == null || !code.isInt()) {
            throw ExampleWire.failure(method + " answered no numeric code", null);
        }
        if (code.intValue() != ExampleConstants.OK) {
            throw ExampleErrors.refusal(method, code.intValue(), root.path("message").asText(null));
        }
        JsonNode data = root.get("data");
        if (data == null || !data.isObject()) {
            throw ExampleWire.failure(method + " answered no data object", null);
        }
        return data;
    }

    private void permit(String what) {
        try {
            if (app.acquire(MAX_WAIT) && shop.acquire(MAX_WAIT)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(Kind.TRANSIENT, "example " + what + " was interrupted waiting for a rate permit",
                    e);
        }
        throw new ChannelException(Kind.RATE_LIMITED, "example " + what + ": no rate permit within " + MAX_WAIT
                + " for shop " + settings.shop(), null, ExampleErrors.RETRY_AFTER, null);
    }

    private static String form(Map<String, String> params) {
        StringJoiner out = new StringJoiner("&");
        params.forEach((k, v) -> out.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return out.toString();
    }
}
