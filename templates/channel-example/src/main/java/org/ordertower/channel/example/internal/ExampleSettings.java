package org.ordertower.channel.example.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.ordertower.api.channel.TokenStore;

/**
 * One shop's checked settings (from {@link ExampleConfig}, or built by tests). Immutable; {@link #toString()} shows no
 * secret and no token.
 *
 * @param gatewayUrl the gateway
 * @param appKey the app_key
 * @param appSecret the app_secret
 * @param shop the shop, as orders carry it
 * @param accessToken the configured access token, may be blank when a refresh token or a token store is given
 * @param refreshToken the configured refresh token, may be blank
 * @param tokenExpiresAt when the configured access token expires, may be null
 * @param tokens core's token storage, may be null
 * @param appRatePerSecond calls a second for the app in this JVM
 * @param shopRatePerSecond calls a second for this shop
 * @param timeout HTTP timeout
 * @param pageSize order.search page size, 1..100
 * @param clock the clock for timestamps and expiry
 */
public record ExampleSettings(String gatewayUrl, String appKey, String appSecret, String shop, String accessToken,
        String refreshToken, Instant tokenExpiresAt, TokenStore tokens, double appRatePerSecond,
        double shopRatePerSecond, Duration timeout, int pageSize, Clock clock) {

    public ExampleSettings {
        required("shop", shop);
        required("appKey", appKey);
        required("appSecret", appSecret);
        required("gatewayUrl", gatewayUrl);
        String scheme;
        try {
            scheme = URI.create(gatewayUrl).getScheme();
        } catch (IllegalArgumentException e) {
            scheme = null;
        }
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'");
        }
        if (blank(accessToken) && blank(refreshToken) && tokens == null) {
            throw new IllegalArgumentException("accessToken or refreshToken must be set (the shop's authorisation)");
        }
        if (!(appRatePerSecond > 0) || !(shopRatePerSecond > 0)) {
            throw new IllegalArgumentException((appRatePerSecond > 0 ? "shopRatePerSecond" : "appRatePerSecond")
                    + " must be positive");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeoutSeconds must be positive");
        }
        if (pageSize < 1 || pageSize > ExampleConstants.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + ExampleConstants.MAX_PAGE_SIZE + ", was "
                    + pageSize);
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Settings with the default rates (10/s app, 5/s shop), a 10 s timeout and 50-order pages. */
    public static ExampleSettings of(String gatewayUrl, String appKey, String appSecret, String shop,
            String accessToken, String refreshToken, TokenStore tokens) {
        return new ExampleSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, null, tokens, 10, 5,
                Duration.ofSeconds(10), 50, null);
    }

    /** Checks a Config Admin configuration; a bad value fails with one sentence naming the key. */
    public static ExampleSettings from(ExampleConfig c, TokenStore tokens) {
        Instant expires = null;
        if (!blank(c.tokenExpiresAt())) {
            try {
                expires = Instant.parse(c.tokenExpiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(
                        "tokenExpiresAt must be an ISO instant such as 2030-01-01T00:00:00Z");
            }
        }
        if (c.timeoutSeconds() <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, was " + c.timeoutSeconds());
        }
        return new ExampleSettings(strip(c.gatewayUrl()), strip(c.appKey()), strip(org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret())), strip(c.shop()),
                strip(org.ordertower.api.ConfigSecrets.resolve("accessToken", c.accessToken())), strip(org.ordertower.api.ConfigSecrets.resolve("refreshToken", c.refreshToken())), expires, tokens, c.appRatePerSecond(),
                c.shopRatePerSecond(), Duration.ofSeconds(c.timeoutSeconds()), c.pageSize(), null);
    }

    /** These settings with another secret (tests of a refused signature). */
    public ExampleSettings withSecret(String secret) {
        return new ExampleSettings(gatewayUrl, appKey, secret, shop, accessToken, refreshToken, tokenExpiresAt,
                tokens, appRatePerSecond, shopRatePerSecond, timeout, pageSize, clock);
    }

    /** These settings with other tokens and no token store. */
    public ExampleSettings withTokens(String access, String refresh, Instant expiresAt) {
        return new ExampleSettings(gatewayUrl, appKey, appSecret, shop, access, refresh, expiresAt, null,
                appRatePerSecond, shopRatePerSecond, timeout, pageSize, clock);
    }

    /** These settings with another page size. */
    public ExampleSettings withPageSize(int size) {
        return new ExampleSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                tokens, appRatePerSecond, shopRatePerSecond, timeout, size, clock);
    }

    private static void required(String key, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    private static boolean blank(String v) {
        return v == null || v.isBlank();
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    @Override
    public String toString() {
        return "ExampleSettings[shop=" + shop + ", appKey=" + appKey + ", gatewayUrl=" + gatewayUrl + ", appRate="
                + appRatePerSecond + ", shopRate=" + shopRatePerSecond + ", timeout=" + timeout + ", pageSize="
                + pageSize + "]";
    }
}
