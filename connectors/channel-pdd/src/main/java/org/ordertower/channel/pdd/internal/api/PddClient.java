package org.ordertower.channel.pdd.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.pdd.internal.PddConstants;
import org.ordertower.channel.pdd.internal.PddSettings;
import org.ordertower.channel.pdd.internal.api.PddErrors.PddApiException;
import org.ordertower.channel.pdd.internal.api.dto.PddErrorDto;
import org.ordertower.channel.pdd.internal.api.dto.PddTokenDto;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.PlatformClock;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TokenKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Calls PDD's router gateway: adds the system parameters (type, client_id, timestamp in UNIX seconds, data_type
 * JSON, version V1, access_token), signs, POSTs them as a form (values urlencoded, API调用指南 / 注意事项) and
 * unwraps the {@code xxx_response} object. The one place that turns HTTP statuses and PDD error codes into
 * {@link ChannelException.Kind}s: 5xx, timeouts, I/O and answers cut short or not JSON are TRANSIENT, 429 is
 * RATE_LIMITED, the error codes as {@link PddErrors} says. Obeys the app's and the shop's rate (waiting at most
 * {@link #MAX_WAIT}), refreshes the token shortly before it expires and once after an expired-token answer.
 * Thread-safe.
 */
public final class PddClient {
    /** The longest wait for a rate permit before RATE_LIMITED. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Refresh this long before the access token's expiry. */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(300);

    private final Logger logger = LoggerFactory.getLogger(PddClient.class);
    private final PddSettings settings;
    private final HttpCalls<ChannelException> calls;
    private final RateLimiter appBucket;
    private final RateLimiter shopBucket;
    private final TokenKeeper tokens;
    /** PDD's clock, from the Date header of its answers and from {@code pdd.time.get}: calls are signed with it. */
    private final PlatformClock clock;

    public PddClient(PddSettings settings) {
        this.settings = settings;
        this.clock = new PlatformClock(PddConstants.CHANNEL, settings.clock());
        this.calls = HttpCalls.named("pdd", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.channel(), PddErrors.RETRY_AFTER).withClock(clock);
        this.appBucket = RateLimiter.shared("pdd:" + settings.clientId(), settings.appRatePerSecond());
        this.shopBucket = new RateLimiter(settings.shopRatePerSecond(), Math.max(1, settings.shopRatePerSecond()));
        this.tokens = TokenKeeper.savedFirst(PddConstants.CHANNEL, settings.shop(),
                new AccessToken(settings.accessToken(), settings.tokenExpiresAt(), settings.refreshToken(), null),
                settings.tokens(), settings.clock(), TOKEN_MARGIN, this::renew);
    }

    /** A call on the shop's behalf (with its access token); business parameters by name, values as sent. */
    public JsonNode call(String type, Map<String, String> business) {
        String token = tokens.forCall().accessToken();
        try {
            return send(type, business, token);
        } catch (PddApiException e) {
            if (e.errorCode() != PddConstants.ERR_TOKEN || !tokens.afterRefusal(token)) {
                throw e;
            }
            logger.debug("pdd {}: access token refused ({}), refreshed, calling once more", type, e.platformCode());
            return send(type, business, tokens.current().accessToken());
        }
    }

    /** PDD's clock ({@code pdd.time.get}, no token needed); what it says moves {@link #clock()}. */
    public Instant platformTime() {
        Instant sent = clock.local();
        JsonNode r = send(PddConstants.TIME_GET, Map.of(), null);
        Instant platform = PddJson.time(text(r, "time", PddConstants.TIME_GET), "time");
        clock.observe(platform, sent, clock.local());
        return platform;
    }

    /** PDD's clock as its answers show it. */
    public PlatformClock clock() {
        return clock;
    }

    /** {@code pdd.pop.auth.token.refresh}; a refresh token the answer leaves out stays the current one. */
    private AccessToken renew(AccessToken current) {
        JsonNode r = send(PddConstants.TOKEN_REFRESH, Map.of("refresh_token", current.refreshToken()), null);
        PddTokenDto dto = PddJson.bind(r, PddTokenDto.class, PddConstants.TOKEN_REFRESH + " answer");
        if (dto == null || dto.accessToken() == null || dto.accessToken().isBlank()) {
            throw new ChannelException(Kind.AUTH, "pdd: the token refresh answered no access_token");
        }
        Instant now = settings.clock().instant();
        Instant expires = dto.expiresAt() != null ? Instant.ofEpochSecond(dto.expiresAt())
                : dto.expiresIn() != null ? now.plusSeconds(dto.expiresIn()) : null;
        String refresh = dto.refreshToken() == null || dto.refreshToken().isBlank() ? current.refreshToken()
                : dto.refreshToken();
        Instant refreshExpires = dto.refreshTokenExpiresAt() == null ? null
                : Instant.ofEpochSecond(dto.refreshTokenExpiresAt());
        return new AccessToken(dto.accessToken(), expires, refresh, refreshExpires);
    }

    /**
     * Signs and sends one call; returns the object under the answer's {@code *_response} key. Refused for its timestamp
     * while the refusal showed PDD's clock: signed again by it, once.
     */
    JsonNode send(String type, Map<String, String> business, String accessToken) {
        Duration offset = clock.offset();
        try {
            return signed(type, business, accessToken);
        } catch (PddApiException e) {
            if (!e.timestampRefused() || clock.offset().equals(offset)) {
                throw e;
            }
            logger.debug("pdd {}: timestamp refused, PDD's clock is {} off; calling once more", type, clock.offset());
            return signed(type, business, accessToken);
        }
    }

    private JsonNode signed(String type, Map<String, String> business, String accessToken) {
        permit(type);
        Map<String, String> params = new TreeMap<>(business);
        params.put("type", type);
        params.put("client_id", settings.clientId());
        params.put("timestamp", String.valueOf(clock.instant().getEpochSecond()));
        params.put("data_type", "JSON");
        params.put("version", "V1");
        if (accessToken != null) {
            params.put("access_token", accessToken);
        }
        params.put("sign", PddSigner.sign(settings.clientSecret(), params));
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.gatewayUrl())).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return unwrap(type, calls.exchange(request, type).body());
    }

    private static JsonNode unwrap(String type, String body) {
        JsonNode root = PddJson.answer(body, type);
        JsonNode error = root.get("error_response");
        if (error != null) {
            throw PddErrors.of(type, PddJson.bind(error, PddErrorDto.class, "error_response"));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            if (f.getKey().endsWith("_response") && f.getValue().isObject()) {
                return f.getValue();
            }
        }
        throw PddJson.permanent(type + " answered no *_response object", null);
    }

    private void permit(String type) {
        try {
            if (!appBucket.acquire(MAX_WAIT) || !shopBucket.acquire(MAX_WAIT)) {
                throw new ChannelException(Kind.RATE_LIMITED, "pdd " + type + ": the connector's own rate limit for shop "
                        + settings.shop() + " is exhausted", null, PddErrors.RETRY_AFTER, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(Kind.TRANSIENT, "pdd " + type + " was interrupted", e);
        }
    }

    /** A required text field of an answer. */
    public static String text(JsonNode node, String field, String type) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || !v.isValueNode()) {
            throw PddJson.permanent(type + " answered no '" + field + "'", null);
        }
        return v.asText();
    }
}
