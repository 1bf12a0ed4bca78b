package org.ordertower.channel.taobao.internal.api;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.taobao.internal.TaobaoConstants;
import org.ordertower.channel.taobao.internal.api.dto.ErrorDto;
import org.ordertower.channel.taobao.internal.api.dto.TokenDto;
import org.ordertower.connector.kit.Failure;
import org.ordertower.connector.kit.HttpCalls;
import org.ordertower.connector.kit.PlatformClock;
import org.ordertower.connector.kit.RateLimiter;
import org.ordertower.connector.kit.TokenKeeper;
import org.ordertower.connector.kit.TopSigning;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Calls the TOP gateway ("API调用方法详解", docId=101617): system parameters, signature, form POST, JSON answer. The
 * one place that turns HTTP statuses and TOP error codes into {@link ChannelException.Kind}s. Obeys the app's and
 * the shop's rate limits, refreshes the session ahead of expiry and once when TOP calls it expired. Thread-safe.
 */
public final class TaobaoClient {
    /** Wait at most this long for a rate-limit permit before answering RATE_LIMITED. */
    static final Duration MAX_WAIT = Duration.ofSeconds(2);
    /** Refresh the session this long before it expires. */
    static final Duration TOKEN_MARGIN = Duration.ofSeconds(300);
    /** TOP's platform-level codes that mean the caller's credentials are wrong (平台级错误). */
    private static final Set<Integer> AUTH_CODES = Set.of(11, 12, 24, 25, 26, 27, 28, 29);
    /** Code 7 (App Call Limited) says how long the ban lasts in sub_msg. */
    private static final Pattern BAN = Pattern.compile("(\\d+)\\s*more\\s*seconds");
    public static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Logger logger = LoggerFactory.getLogger(TaobaoClient.class);
    private final TaobaoSettings settings;
    private final HttpCalls<ChannelException> calls;
    private final TokenKeeper tokens;
    private final RateLimiter appLimit;
    private final RateLimiter shopLimit;
    /** TOP's clock, from the Date header of its answers: calls are signed with it. */
    private final PlatformClock clock;

    public TaobaoClient(TaobaoSettings settings, TokenStore store) {
        this.settings = settings;
        this.clock = new PlatformClock(TaobaoConstants.CHANNEL, settings.clock());
        this.calls = HttpCalls.top(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .build(), Failure.channel(), Duration.ofSeconds(1)).withClock(clock);
        this.tokens = TokenKeeper.savedFirst(TaobaoConstants.CHANNEL, settings.shop(),
                new AccessToken(settings.accessToken(), settings.tokenExpiresAt(), settings.refreshToken(), null), store,
                settings.clock(), TOKEN_MARGIN, new Session());
        // TOP counts the app's calls together, whichever product makes them: the bucket is the one the Cainiao
        // carrier of the same app key takes from too (its own bundle, the one kit bundle)
        this.appLimit = RateLimiter.shared(RateLimiter.TOP + settings.appKey(), settings.appRatePerSecond());
        this.shopLimit = new RateLimiter(settings.shopRatePerSecond(), Math.max(1, settings.shopRatePerSecond()));
    }

    public TaobaoSettings settings() {
        return settings;
    }

    /** TOP's clock as its answers show it. */
    public PlatformClock clock() {
        return clock;
    }

    /** Calls an API that acts for the seller ({@code session} sent), answering its {@code *_response} object. */
    public JsonNode call(String method, Map<String, String> params) {
        return call(method, params, true, true, true);
    }

    /** Calls an app-level API (no {@code session}: the TMC calls). */
    public JsonNode callAsApp(String method, Map<String, String> params) {
        return call(method, params, false, false, true);
    }

    private JsonNode call(String method, Map<String, String> business, boolean withSession, boolean mayRefresh,
            boolean mayResign) {
        throttle(method);
        AccessToken token = withSession ? tokens.forCall() : null;
        Duration offset = clock.offset();
        Map<String, String> params = TopSigning.request(method, settings.appKey(), token == null ? null : token.accessToken(),
                clock.instant(), settings.signMethod(), business, settings.appSecret());
        JsonNode root = post(settings.gatewayUrl(), params, method);
        JsonNode error = root.get("error_response");
        if (error != null) {
            ErrorDto e = JSON.convertValue(error, ErrorDto.class);
            if (withSession && mayRefresh && isExpiredSession(e) && tokens.afterRefusal(token.accessToken())) {
                logger.debug("TOP says the session of shop {} expired; refreshed, calling once more", settings.shop());
                return call(method, business, true, false, mayResign);
            }
            if (mayResign && "31".equals(e.code()) && !clock.offset().equals(offset)) {
                // refused for its timestamp, and the refusal showed TOP's clock: signed again by it, once
                logger.debug("TOP refused the timestamp of {}; its clock is {} off, calling once more", method,
                        clock.offset());
                return call(method, business, withSession, mayRefresh, false);
            }
            throw classify(method, e);
        }
        JsonNode answer = root.get(responseKey(method));
        if (answer == null || !answer.isObject()) {
            throw new ChannelException(Kind.PERMANENT, "TOP " + method + " answered without " + responseKey(method));
        }
        return answer;
    }

    /** {@code taobao.trade.fullinfo.get} answers {@code trade_fullinfo_get_response} (docId=101617, 公共响应参数). */
    static String responseKey(String method) {
        String m = method.startsWith("taobao.") ? method.substring("taobao.".length()) : method;
        return m.replace('.', '_') + "_response";
    }

    /** Code 27 (Invalid Session) with sub_code session-expired, or any code 27 whose sub-code names expiry. */
    private static boolean isExpiredSession(ErrorDto e) {
        return "27".equals(e.code()) || e.subCode() != null && e.subCode().contains("session-expired");
    }

    /** The one translation of TOP's error_response into a kind. */
    static ChannelException classify(String method, ErrorDto e) {
        int code;
        try {
            code = Integer.parseInt(e.code() == null ? "" : e.code().strip());
        } catch (NumberFormatException x) {
            code = -1;
        }
        String sub = e.subCode();
        String platformCode = e.code() + (sub == null || sub.isBlank() ? "" : "/" + sub);
        String message = "TOP " + method + " refused: " + e.code() + " " + e.msg()
                + (sub == null ? "" : " (" + sub + (e.subMsg() == null ? "" : ": " + e.subMsg()) + ")");
        if (code == 7) {
            return new ChannelException(Kind.RATE_LIMITED, message, platformCode, banLength(e.subMsg()), null);
        }
        Kind kind;
        if (code == 10 || code == 31 || sub != null && sub.startsWith("isp.")) {
            // service unavailable, the platform's own side failed (isp.*), or the timestamp (always well formed from
            // here) too far from TOP's clock: the clocks may agree again
            kind = Kind.TRANSIENT;
        } else if (AUTH_CODES.contains(code)) {
            kind = Kind.AUTH;
        } else {
            kind = Kind.PERMANENT;
        }
        return new ChannelException(kind, message, platformCode, null, null);
    }

    private static Duration banLength(String subMsg) {
        Matcher m = subMsg == null ? null : BAN.matcher(subMsg);
        if (m != null && m.find()) {
            return Duration.ofSeconds(Math.max(1, Math.min(86_400, Long.parseLong(m.group(1)))));
        }
        return Duration.ofSeconds(1);
    }

    /** The shop's session: refreshed while the refresh token has not expired (TOP says when it does). */
    private final class Session implements TokenKeeper.Renewal {
        @Override
        public AccessToken renew(AccessToken current) {
            return refresh(current);
        }

        @Override
        public boolean possible(AccessToken current, Instant now) {
            return current.refreshToken() != null
                    && (current.refreshExpiresAt() == null || now.isBefore(current.refreshExpiresAt()));
        }
    }

    /** Refreshes with {@code grant_type=refresh_token} on the OAuth endpoint ("用户授权介绍"). */
    private AccessToken refresh(AccessToken stale) {
        throttle("oauth refresh");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", stale.refreshToken());
        form.put("client_id", settings.appKey());
        form.put("client_secret", settings.appSecret());
        JsonNode root = post(settings.oauthUrl(), form, "oauth refresh");
        TokenDto t = JSON.convertValue(root, TokenDto.class);
        if (t.error() != null || t.accessToken() == null || t.expiresIn() == null) {
            throw new ChannelException(Kind.AUTH, "Taobao OAuth refused to refresh the token of shop " + settings.shop() + ": "
                    + t.error() + " " + t.errorDescription(), t.error(), null, null);
        }
        Instant now = settings.clock().instant();
        return new AccessToken(t.accessToken(), now.plusSeconds(t.expiresIn()),
                t.refreshToken() == null ? stale.refreshToken() : t.refreshToken(),
                t.reExpiresIn() == null ? null : now.plusSeconds(t.reExpiresIn()));
    }

    private void throttle(String what) {
        try {
            if (!appLimit.acquire(MAX_WAIT) || !shopLimit.acquire(MAX_WAIT)) {
                throw new ChannelException(Kind.RATE_LIMITED, "TOP " + what + " for shop " + settings.shop()
                        + " waited over " + MAX_WAIT.toSeconds() + " s for the connector's own rate limit", null,
                        Duration.ofSeconds(1), null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChannelException(Kind.TRANSIENT, "interrupted while waiting for the rate limit", e);
        }
    }

    private JsonNode post(String url, Map<String, String> form, String what) {
        StringJoiner body = new StringJoiner("&");
        form.forEach((k, v) -> body.add(enc(k) + "=" + enc(v)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(settings.timeoutSeconds()))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response = calls.send(request, what);
        int status = response.statusCode();
        // any other status is read: TOP answers its error_response with some of them
        calls.rejectRetryable(what, response);
        try {
            JsonNode root = JSON.readTree(response.body());
            if (root != null && root.isObject()) {
                return root;
            }
        } catch (JsonProcessingException e) {
            // a proxy's HTML page in front of the gateway: see below
        }
        if (status == 200) {
            // cut short on the way or a proxy's page: the call may have taken effect, and a retry meets what it did
            throw new ChannelException(Kind.TRANSIENT, "TOP " + what
                    + " answered HTTP 200 with a body that is not a JSON object (truncated or malformed)");
        }
        throw calls.unexpectedStatus(what, status);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
