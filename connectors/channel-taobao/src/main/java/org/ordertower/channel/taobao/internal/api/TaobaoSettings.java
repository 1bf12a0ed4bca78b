package org.ordertower.channel.taobao.internal.api;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * One shop's connection settings, checked. Built from the OSGi configuration or by tests with {@code new}.
 * {@link #toString()} never shows the secret or the tokens.
 *
 * @param gatewayUrl the TOP gateway ({@code .../router/rest})
 * @param oauthUrl the OAuth token endpoint
 * @param appKey the app key
 * @param appSecret the app secret
 * @param shop the seller nick this connector serves
 * @param accessToken the seller's access token ({@code session}), used until the token store has a newer one
 * @param refreshToken the refresh token, may be null (then an expired token is an AUTH error)
 * @param tokenExpiresAt when the access token expires, may be null (unknown: refreshed only when TOP says expired)
 * @param appRatePerSecond calls per second for the whole app (shared by every shop of the app in this JVM)
 * @param shopRatePerSecond calls per second for this shop
 * @param timeoutSeconds HTTP timeout
 * @param signMethod md5, hmac or hmac-sha256
 * @param tmcGroup the TMC user group to consume, empty for the app's default group
 * @param clock the clock for timestamps and token expiry
 */
public record TaobaoSettings(String gatewayUrl, String oauthUrl, String appKey, String appSecret, String shop,
        String accessToken, String refreshToken, Instant tokenExpiresAt, double appRatePerSecond,
        double shopRatePerSecond, int timeoutSeconds, String signMethod, String tmcGroup, Clock clock) {

    private static final Set<String> SIGN_METHODS = Set.of(TaobaoSigner.MD5, TaobaoSigner.HMAC, TaobaoSigner.HMAC_SHA256);

    public TaobaoSettings {
        url("gatewayUrl", gatewayUrl);
        url("oauthUrl", oauthUrl);
        required("appKey", appKey);
        required("appSecret", appSecret);
        required("shop", shop);
        required("accessToken", accessToken);
        if (!(appRatePerSecond > 0) || !(shopRatePerSecond > 0)) {
            throw new IllegalArgumentException("appRatePerSecond and shopRatePerSecond must be positive");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 300) {
            throw new IllegalArgumentException("timeoutSeconds must be 1..300, was " + timeoutSeconds);
        }
        if (!SIGN_METHODS.contains(signMethod)) {
            throw new IllegalArgumentException("signMethod must be md5, hmac or hmac-sha256, was '" + signMethod + "'");
        }
        refreshToken = refreshToken == null || refreshToken.isBlank() ? null : refreshToken;
        tmcGroup = tmcGroup == null ? "" : tmcGroup.strip();
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Settings for a simulator or a test: default rates, timeout and sign method. */
    public static TaobaoSettings of(String gatewayUrl, String oauthUrl, String appKey, String appSecret, String shop,
            String accessToken, String refreshToken, Instant tokenExpiresAt, Clock clock) {
        return new TaobaoSettings(gatewayUrl, oauthUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                40, 10, 10, TaobaoSigner.HMAC_SHA256, "", clock);
    }

    public TaobaoSettings withRates(double app, double perShop) {
        return new TaobaoSettings(gatewayUrl, oauthUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                app, perShop, timeoutSeconds, signMethod, tmcGroup, clock);
    }

    public TaobaoSettings withSignMethod(String method) {
        return new TaobaoSettings(gatewayUrl, oauthUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                appRatePerSecond, shopRatePerSecond, timeoutSeconds, method, tmcGroup, clock);
    }

    public TaobaoSettings withClock(Clock newClock) {
        return new TaobaoSettings(gatewayUrl, oauthUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                appRatePerSecond, shopRatePerSecond, timeoutSeconds, signMethod, tmcGroup, newClock);
    }

    private static void required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static void url(String key, String value) {
        required(key, value);
        try {
            URI u = URI.create(value);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(key + " must be an http(s) URL, was '" + value + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be an http(s) URL, was '" + value + "'", e);
        }
    }

    @Override
    public String toString() {
        return "TaobaoSettings[gatewayUrl=" + gatewayUrl + ", appKey=" + appKey + ", shop=" + shop + ", signMethod="
                + signMethod + ", appRatePerSecond=" + appRatePerSecond + ", shopRatePerSecond=" + shopRatePerSecond + "]";
    }
}
