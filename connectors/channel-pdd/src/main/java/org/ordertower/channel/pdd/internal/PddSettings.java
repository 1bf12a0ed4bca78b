package org.ordertower.channel.pdd.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.ordertower.api.channel.TokenStore;

/**
 * One shop's checked settings, from {@link PddConfig} or built by tests. Immutable; {@link #toString()} hides the
 * secret and tokens.
 *
 * @param gatewayUrl the router gateway
 * @param clientId the app's client_id
 * @param clientSecret the app's client_secret
 * @param shop the shop (PDD mall id or name), as orders carry it
 * @param accessToken the configured access token, may be blank when a refresh token is given
 * @param refreshToken the configured refresh token, may be null
 * @param tokenExpiresAt when the configured access token expires, may be null (unknown)
 * @param tokens durable token storage from core, may be null
 * @param appRatePerSecond calls a second for the whole app (shared by its shops in this JVM)
 * @param shopRatePerSecond calls a second for this shop
 * @param timeout the HTTP timeout
 * @param pageSize increment and goods-list page size, 1..100
 * @param clock the clock for timestamps and token expiry
 */
public record PddSettings(String gatewayUrl, String clientId, String clientSecret, String shop, String accessToken,
        String refreshToken, Instant tokenExpiresAt, TokenStore tokens, double appRatePerSecond,
        double shopRatePerSecond, Duration timeout, int pageSize, Clock clock) {

    public PddSettings {
        require(shop, "shop");
        require(clientId, "appKey");
        require(clientSecret, "appSecret");
        require(gatewayUrl, "gatewayUrl");
        try {
            String scheme = URI.create(gatewayUrl).getScheme();
            if (!"https".equals(scheme) && !"http".equals(scheme)) {
                throw new IllegalArgumentException("gatewayUrl must be an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'", e);
        }
        if (blank(accessToken) && blank(refreshToken) && tokens == null) {
            throw new IllegalArgumentException("accessToken or refreshToken must be set (the shop's authorisation)");
        }
        if (!(appRatePerSecond > 0)) {
            throw new IllegalArgumentException("appRatePerSecond must be positive, was " + appRatePerSecond);
        }
        if (!(shopRatePerSecond > 0)) {
            throw new IllegalArgumentException("shopRatePerSecond must be positive, was " + shopRatePerSecond);
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutSeconds must be positive");
        }
        if (pageSize < 1 || pageSize > PddConstants.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + PddConstants.MAX_PAGE_SIZE + ", was " + pageSize);
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Settings for a shop against a gateway with default rates (10/s per app, 5/s per shop), 10 s timeout. */
    public static PddSettings of(String gatewayUrl, String clientId, String clientSecret, String shop, String accessToken,
            String refreshToken, TokenStore tokens) {
        return new PddSettings(gatewayUrl, clientId, clientSecret, shop, accessToken, refreshToken, null, tokens, 10, 5,
                Duration.ofSeconds(10), PddConstants.MAX_PAGE_SIZE, Clock.systemUTC());
    }

    /** Checks a Config Admin configuration; a bad value fails with one sentence naming the key. */
    public static PddSettings from(PddConfig c, TokenStore tokens) {
        Instant expires = null;
        if (!blank(c.tokenExpiresAt())) {
            try {
                expires = Instant.parse(c.tokenExpiresAt().strip());
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("tokenExpiresAt must be an ISO instant such as 2030-01-01T00:00:00Z", e);
            }
        }
        if (c.timeoutSeconds() <= 0) {
            throw new IllegalArgumentException("timeoutSeconds must be positive, was " + c.timeoutSeconds());
        }
        return new PddSettings(strip(c.gatewayUrl()), strip(c.appKey()), strip(org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret())), strip(c.shop()),
                strip(org.ordertower.api.ConfigSecrets.resolve("accessToken", c.accessToken())), strip(org.ordertower.api.ConfigSecrets.resolve("refreshToken", c.refreshToken())), expires, tokens, c.appRatePerSecond(),
                c.shopRatePerSecond(), Duration.ofSeconds(c.timeoutSeconds()), c.pageSize(), Clock.systemUTC());
    }

    /** The same settings with another clock, secret or rates (tests). */
    public PddSettings with(Clock newClock, String newSecret, double appRate, double shopRate) {
        return new PddSettings(gatewayUrl, clientId, newSecret, shop, accessToken, refreshToken, tokenExpiresAt, tokens,
                appRate, shopRate, timeout, pageSize, newClock);
    }

    /** The same settings with another token expiry (tests). */
    public PddSettings withTokenExpiresAt(Instant expiresAt) {
        return new PddSettings(gatewayUrl, clientId, clientSecret, shop, accessToken, refreshToken, expiresAt, tokens,
                appRatePerSecond, shopRatePerSecond, timeout, pageSize, clock);
    }

    private static void require(String v, String key) {
        if (blank(v)) {
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
        return "PddSettings[gatewayUrl=" + gatewayUrl + ", clientId=" + clientId + ", shop=" + shop + ", appRate="
                + appRatePerSecond + ", shopRate=" + shopRatePerSecond + ", timeout=" + timeout + ", pageSize=" + pageSize
                + "]";
    }
}
