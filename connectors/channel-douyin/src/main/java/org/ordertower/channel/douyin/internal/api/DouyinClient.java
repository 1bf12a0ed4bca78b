package org.ordertower.channel.douyin.internal.api;

import static org.ordertower.channel.douyin.internal.DouyinConstants.*;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.douyin.internal.DouyinSettings;
import org.ordertower.channel.douyin.internal.api.dto.ResponseDto;
import org.ordertower.channel.douyin.internal.api.dto.TokenDto;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.PlatformClock;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TokenKeeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the gateway: {@code POST <gateway>/<method with . as />} with the system parameters in the query
 * and {@code param_json} as the body, signed with HMAC-SHA256 (sdk_golang core/doudian_op_api_client.go).
 * The one place that turns HTTP statuses and the gateway's codes (平台基础错误码汇总,
 * op.jinritemai.com/docs/guide-docs/212/1427) into {@link ChannelException} kinds. Obeys the app's and the
 * shop's rate, refreshes the access token before it expires and once when refused. Thread-safe.
 */
public final class DouyinClient {
    /** Sub-codes that mean "this access token is not (or no longer) good": refresh once, then AUTH. */
    private static final Set<String> TOKEN_REFUSED = Set.of(SUB_TOKEN_EXPIRED, SUB_TOKEN_NOT_EXIST);
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);
    static final ObjectMapper MAPPER = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Logger logger = LoggerFactory.getLogger(DouyinClient.class);
    private final DouyinSettings settings;
    private final HttpCalls<ChannelException> calls;
    private final RateLimiter appLimiter;
    private final RateLimiter shopLimiter;
    private final TokenKeeper tokens;
    /** The open platform's clock, from the Date header of its answers: calls are signed with it. */
    private final PlatformClock clock;

    public DouyinClient(DouyinSettings settings) {
        this.settings = settings;
        this.clock = new PlatformClock(CHANNEL, settings.clock());
        this.calls = HttpCalls.named("douyin", HttpClient.newBuilder().connectTimeout(settings.timeout()).build(),
                Failure.channel(), Duration.ofSeconds(1)).withStatusCodePrefix("http-").withClock(clock);
        this.appLimiter = RateLimiter.shared("douyin:" + settings.appKey(), settings.appRatePerSecond());
        this.shopLimiter = new RateLimiter(settings.shopRatePerSecond(), Math.max(1, settings.shopRatePerSecond()));
        this.tokens = TokenKeeper.laterExpiryFirst(CHANNEL, settings.shop(),
                new AccessToken(settings.accessToken(), settings.tokenExpiresAt(), settings.refreshToken(), null),
                settings.tokens(), settings.clock(), REFRESH_MARGIN, new Issuer());
    }

    /** Calls {@code method} with the shop's token; the {@code data} of a successful answer. */
    public JsonNode call(String method, Object params) {
        ResponseDto r = exchange(method, params);
        if (r.code() == null || r.code() != CODE_SUCCESS) {
            throw classify(method, r);
        }
        return r.data() == null ? MAPPER.nullNode() : r.data();
    }

    /**
     * Calls {@code method} with the shop's token and returns the envelope, successful or a business
     * refusal, for callers that must read a refusal (ship's "already shipped"). Transport failures, rate
     * limits and refused tokens still throw.
     */
    public ResponseDto exchange(String method, Object params) {
        String token = tokens.forCall().accessToken();
        ResponseDto r = post(method, params, token);
        if (isTokenRefused(r)) {
            logger.debug("douyin {} {}: token refused ({}), refreshing once", settings.shop(), method, r.subCode());
            if (!tokens.afterRefusal(token)) {
                throw new ChannelException(Kind.AUTH, "douyin shop " + settings.shop()
                        + ": the access token was refused and there is no refresh token; authorize again");
            }
            r = post(method, params, tokens.forCall().accessToken());
        }
        if (isTokenRefused(r) || r.code() != null && r.code() == CODE_TRAFFIC_LIMITED) {
            throw classify(method, r);
        }
        return r;
    }

    /** Whether a refusal is a business failure whose text says so, for example "已发货". */
    public static boolean businessFailureSays(ResponseDto r, String text) {
        return r.code() != null && r.code() == CODE_BUSINESS_FAILED && r.subMsg() != null && r.subMsg().contains(text);
    }

    /**
     * The gateway side of the shop's token: token.refresh with the refresh token; with neither a refresh nor an access
     * token, token.create (self-use apps). An access token without a refresh token is used until refused.
     */
    private final class Issuer implements TokenKeeper.Renewal {
        @Override
        public AccessToken renew(AccessToken current) {
            return current.refreshToken() != null ? refresh(current.refreshToken()) : createSelf();
        }

        @Override
        public boolean possible(AccessToken current, Instant now) {
            return current.refreshToken() != null || current.accessToken() == null;
        }
    }

    /** token.refresh with grant_type refresh_token. */
    private AccessToken refresh(String refreshToken) {
        return token(METHOD_TOKEN_REFRESH, Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
    }

    /** token.create with grant_type authorization_self (self-use apps). */
    private AccessToken createSelf() {
        return token(METHOD_TOKEN_CREATE, Map.of("code", "", "grant_type", "authorization_self", "shop_id", settings.shop()));
    }

    private AccessToken token(String method, Map<String, Object> params) {
        ResponseDto r = post(method, params, null);
        if (r.code() == null || r.code() != CODE_SUCCESS) {
            throw classify(method, r);
        }
        TokenDto t = MAPPER.convertValue(r.data(), TokenDto.class);
        if (t == null || t.accessToken() == null || t.expiresIn() == null) {
            throw new ChannelException(Kind.PERMANENT, "douyin " + method + " answered no access_token/expires_in");
        }
        Instant now = settings.clock().instant();
        // The refresh token lives 14 days (授权说明, op.jinritemai.com/docs/guide-docs/9/21); not returned.
        return new AccessToken(t.accessToken(), now.plusSeconds(t.expiresIn()), t.refreshToken(),
                now.plus(Duration.ofDays(14)));
    }

    /** The open platform's clock as its answers show it. */
    public PlatformClock clock() {
        return clock;
    }

    /** {@link #send}; refused for its timestamp while the refusal showed the platform's clock: signed again by it, once. */
    private ResponseDto post(String method, Object params, String accessToken) {
        Duration offset = clock.offset();
        ResponseDto r = send(method, params, accessToken);
        if (SUB_TIMESTAMP_INVALID.equals(r.subCode()) && !clock.offset().equals(offset)) {
            logger.debug("douyin {}: timestamp refused, the platform's clock is {} off; calling once more", method,
                    clock.offset());
            r = send(method, params, accessToken);
        }
        return r;
    }

    private ResponseDto send(String method, Object params, String accessToken) {
        permit(method);
        String paramJson = DouyinParamJson.of(params);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        Map<String, String> query = new LinkedHashMap<>();
        query.put("app_key", settings.appKey());
        query.put("method", method);
        if (accessToken != null) {
            query.put("access_token", accessToken);
        }
        query.put("timestamp", timestamp);
        query.put("v", VERSION);
        query.put("sign_method", SIGN_HMAC_SHA256);
        query.put("sign", DouyinSigner.sign(SIGN_HMAC_SHA256, settings.appKey(), settings.appSecret(), method, paramJson,
                timestamp));
        StringBuilder url = new StringBuilder(settings.gatewayRoot()).append('/').append(method.replace('.', '/'));
        char sep = '?';
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(settings.timeout())
                .header("Content-Type", "application/json;charset=UTF-8").header("Accept", "application/json")
                .header("x-open-no-old-err-code", "1")
                .POST(HttpRequest.BodyPublishers.ofString(paramJson, StandardCharsets.UTF_8)).build();
        return envelope(method, calls.exchange(request, method).body());
    }

    private void permit(String method) {
        try {
            if (appLimiter.acquire(MAX_WAIT) && shopLimiter.acquire(MAX_WAIT)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ChannelException(Kind.RATE_LIMITED, "douyin " + method + ": this app's or shop's call rate is used up",
                null, Duration.ofSeconds(1), null);
    }

    /**
     * Reads the answer's envelope. A body that is not JSON (cut short by a dropped connection, or a proxy's page) or has
     * no {@code code} is TRANSIENT: the call may have taken effect, and only a later try can tell.
     */
    private static ResponseDto envelope(String method, String body) {
        try {
            ResponseDto r = MAPPER.readValue(body, ResponseDto.class);
            if (r == null || r.code() == null) {
                throw new ChannelException(Kind.TRANSIENT, "douyin " + method + " answered a body without code");
            }
            return r;
        } catch (IOException e) {
            throw new ChannelException(Kind.TRANSIENT, "douyin " + method
                    + " answered a truncated or malformed body (not JSON)", e);
        }
    }

    private static boolean isTokenRefused(ResponseDto r) {
        return r.code() != null && r.code() == CODE_INVALID_PARAM && TOKEN_REFUSED.contains(r.subCode());
    }

    /** Sorts a refusal into a kind; the platform code is {@code code:sub_code}. */
    public static ChannelException classify(String method, ResponseDto r) {
        long code = r.code() == null ? -1 : r.code();
        String sub = r.subCode() == null ? "" : r.subCode();
        String platformCode = sub.isEmpty() ? String.valueOf(code) : code + ":" + sub;
        String message = "douyin " + method + " refused: " + platformCode + " " + text(r) + " (log_id " + r.logId() + ")";
        Kind kind;
        if (code == CODE_TRAFFIC_LIMITED) {
            return new ChannelException(Kind.RATE_LIMITED, message, platformCode, Duration.ofSeconds(1), null);
        } else if (code == CODE_SERVICE_UNAVAILABLE || code == CODE_SERVICE_TIMEOUT || code == CODE_SERVER_ERROR
                || SUB_TIMESTAMP_INVALID.equals(sub)) {
            kind = Kind.TRANSIENT; // or the timestamp, always well formed from here, too far from the platform's clock
        } else if (code == CODE_NO_PERMISSION || code == CODE_TOKEN_FAILED || isAuthSubCode(sub)) {
            kind = Kind.AUTH;
        } else {
            kind = Kind.PERMANENT;
        }
        return new ChannelException(kind, message, platformCode, null, null);
    }

    private static final List<String> AUTH_SUB_CODES = List.of(SUB_SIGNATURE_INVALID, SUB_SIGNATURE_MISSING, SUB_TOKEN_EXPIRED,
            SUB_TOKEN_NOT_EXIST, SUB_TOKEN_MISSING, SUB_TOKEN_MISMATCH, SUB_APP_ID_INVALID, SUB_APP_ID_MISSING,
            "isv.app-id-expired", "isv.authorization-type-invalid");

    private static boolean isAuthSubCode(String sub) {
        return AUTH_SUB_CODES.contains(sub) || sub.startsWith("dop.authorization") || sub.startsWith("dop.token-generate-failed");
    }

    private static String text(ResponseDto r) {
        String m = r.subMsg() != null && !r.subMsg().isBlank() ? r.subMsg() : r.msg();
        return m == null ? "" : m;
    }
}
