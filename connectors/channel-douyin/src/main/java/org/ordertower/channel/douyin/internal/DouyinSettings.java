package org.ordertower.channel.douyin.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.ordertower.api.channel.TokenStore;

/**
 * One shop's checked settings, from {@link DouyinConfig} or built by tests. {@link #toString()} shows no
 * secret and no token.
 *
 * @param gatewayUrl the gateway root, {@code https://openapi-fxg.jinritemai.com} or a simulator's URL
 * @param appKey the app key (19 digits on the platform)
 * @param appSecret the app secret
 * @param shop the shop id the app is authorized for
 * @param accessToken the access token to start with, may be null (then the token store's, or token.create)
 * @param refreshToken the refresh token to start with, may be null
 * @param tokenExpiresAt when {@code accessToken} expires, may be null (unknown: used until refused)
 * @param appRatePerSecond calls a second for the whole app (shared by its shops in this JVM)
 * @param shopRatePerSecond calls a second for this shop
 * @param timeout HTTP timeout of one call
 * @param pushMaxAge how old a pushed event may be before it is refused as a replay
 * @param listingPageSize products per listings page (product.listV2 {@code size}, 1..100); each product costs one
 *     more call (sku.list)
 * @param clock the clock (tests fix it)
 * @param tokens where refreshed tokens are kept, may be null
 */
public record DouyinSettings(String gatewayUrl, String appKey, String appSecret, String shop, String accessToken,
        String refreshToken, Instant tokenExpiresAt, double appRatePerSecond, double shopRatePerSecond, Duration timeout,
        Duration pushMaxAge, int listingPageSize, Clock clock, TokenStore tokens) {

    public static final double DEFAULT_APP_RATE = 50;
    public static final double DEFAULT_SHOP_RATE = 10;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(12);
    public static final Duration DEFAULT_PUSH_MAX_AGE = Duration.ofHours(24);
    public static final int DEFAULT_LISTING_PAGE_SIZE = 50;

    /** Settings with the defaults for everything but the gateway, app and shop. */
    public static DouyinSettings of(String gatewayUrl, String appKey, String appSecret, String shop) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, null, null, null, DEFAULT_APP_RATE, DEFAULT_SHOP_RATE,
                DEFAULT_TIMEOUT, DEFAULT_PUSH_MAX_AGE, DEFAULT_LISTING_PAGE_SIZE, Clock.systemUTC(), null);
    }

    public DouyinSettings withTokens(String access, String refresh, Instant expiresAt) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, access, refresh, expiresAt, appRatePerSecond,
                shopRatePerSecond, timeout, pushMaxAge, listingPageSize, clock, tokens);
    }

    public DouyinSettings withRates(double app, double perShop) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt, app, perShop,
                timeout, pushMaxAge, listingPageSize, clock, tokens);
    }

    public DouyinSettings withListingPageSize(int size) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                appRatePerSecond, shopRatePerSecond, timeout, pushMaxAge, size, clock, tokens);
    }

    public DouyinSettings withClock(Clock newClock) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                appRatePerSecond, shopRatePerSecond, timeout, pushMaxAge, listingPageSize, newClock, tokens);
    }

    public DouyinSettings withTokenStore(TokenStore store) {
        return new DouyinSettings(gatewayUrl, appKey, appSecret, shop, accessToken, refreshToken, tokenExpiresAt,
                appRatePerSecond, shopRatePerSecond, timeout, pushMaxAge, listingPageSize, clock, store);
    }

    /** Reads an OSGi configuration; a bad value fails with one sentence naming its key. */
    public static DouyinSettings from(DouyinConfig c, TokenStore tokens) {
        Instant expires = null;
        if (c.tokenExpiresAt() != null && !c.tokenExpiresAt().isBlank()) {
            try {
                expires = Instant.parse(c.tokenExpiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("tokenExpiresAt must be an ISO instant such as 2026-01-31T08:00:00Z");
            }
        }
        DouyinSettings s = new DouyinSettings(c.gatewayUrl(), strip(c.appKey()), org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret()), strip(c.shop()),
                blankToNull(org.ordertower.api.ConfigSecrets.resolve("accessToken", c.accessToken())), blankToNull(org.ordertower.api.ConfigSecrets.resolve("refreshToken", c.refreshToken())), expires, c.appRatePerSecond(),
                c.shopRatePerSecond(), Duration.ofSeconds(c.timeoutSeconds()), Duration.ofMinutes(c.pushMaxAgeMinutes()),
                c.listingPageSize(), Clock.systemUTC(), tokens);
        s.check();
        return s;
    }

    /** @throws IllegalArgumentException naming the first bad key */
    public DouyinSettings check() {
        required("shop", shop);
        required("appKey", appKey);
        required("appSecret", appSecret);
        required("gatewayUrl", gatewayUrl);
        try {
            URI u = URI.create(gatewayUrl);
            if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'");
        }
        if (!(appRatePerSecond > 0) || !(shopRatePerSecond > 0)) {
            throw new IllegalArgumentException("appRatePerSecond and shopRatePerSecond must be positive");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutSeconds must be positive");
        }
        if (pushMaxAge.isNegative() || pushMaxAge.isZero()) {
            throw new IllegalArgumentException("pushMaxAgeMinutes must be positive");
        }
        if (listingPageSize < 1 || listingPageSize > DouyinConstants.MAX_PRODUCT_PAGE_SIZE) {
            throw new IllegalArgumentException("listingPageSize must be 1 to " + DouyinConstants.MAX_PRODUCT_PAGE_SIZE);
        }
        return this;
    }

    /** The gateway URL without a trailing slash. */
    public String gatewayRoot() {
        return gatewayUrl.endsWith("/") ? gatewayUrl.substring(0, gatewayUrl.length() - 1) : gatewayUrl;
    }

    @Override
    public String toString() {
        return "DouyinSettings[gatewayUrl=" + gatewayUrl + ", appKey=" + appKey + ", shop=" + shop + ", appRate="
                + appRatePerSecond + ", shopRate=" + shopRatePerSecond + "]";
    }

    private static void required(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
