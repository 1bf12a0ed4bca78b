package org.ordertower.carrier.cainiao.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.ordertower.connector.kit.TopSigning;

/**
 * A Cainiao account's checked configuration. Holds secrets: {@link #toString()} leaves them out.
 *
 * @param account the account's name
 * @param gatewayUrl the TOP gateway
 * @param appKey the app_key
 * @param appSecret the app secret
 * @param session the seller's TOP session
 * @param signMethod md5, hmac or hmac-sha256
 * @param carriers the cp_codes with a waybill subscription, upper case
 * @param templateUrl the cloud-print template URL sent with each parcel
 * @param userId the seller id sent as {@code user_id}
 * @param timeout the HTTP timeout
 * @param ratePerSecond calls a second at most for this account (its share of the app's TOP quota)
 * @param appRatePerSecond calls a second for the whole TOP app: the bucket {@code top:<appKey>} that every Taobao shop
 *        and Cainiao account of this app key in the container takes from ({@code RateLimiter.shared}; the lowest
 *        rate asked for the app wins)
 * @param clock the clock for TOP's timestamp
 */
public record CainiaoSettings(String account, String gatewayUrl, String appKey, String appSecret, String session,
        String signMethod, Set<String> carriers, String templateUrl, long userId, Duration timeout, double ratePerSecond,
        double appRatePerSecond, Clock clock) {
    /** The app's calls a second when the configuration does not say: the Taobao channel's default for a TOP app. */
    public static final double DEFAULT_APP_RATE = 40;

    public CainiaoSettings {
        account = required(account, "account");
        gatewayUrl = url(gatewayUrl, "gatewayUrl");
        appKey = required(appKey, "appKey");
        appSecret = required(appSecret, "appSecret");
        session = required(session, "session");
        if (!TopSigning.known(signMethod)) {
            throw new IllegalArgumentException("signMethod must be md5, hmac or hmac-sha256, was '" + signMethod + "'");
        }
        carriers = Set.copyOf(carriers);
        if (carriers.isEmpty()) {
            throw new IllegalArgumentException("carriers must name at least one cp_code (SF,ZTO,YTO...)");
        }
        templateUrl = url(templateUrl, "templateUrl");
        if (userId <= 0) {
            throw new IllegalArgumentException("userId must be the seller's numeric id, was " + userId);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutMs must be positive");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        }
        if (!(appRatePerSecond > 0)) {
            throw new IllegalArgumentException("appRatePerSecond must be positive, was " + appRatePerSecond);
        }
    }

    /**
     * Settings built in code without the app's rate (tests, the end-to-end harness): the account's rate stands for
     * the app's too, so that such an account never slows down another one of the same app below its own rate.
     */
    public CainiaoSettings(String account, String gatewayUrl, String appKey, String appSecret, String session,
            String signMethod, Set<String> carriers, String templateUrl, long userId, Duration timeout,
            double ratePerSecond, Clock clock) {
        this(account, gatewayUrl, appKey, appSecret, session, signMethod, carriers, templateUrl, userId, timeout,
                ratePerSecond, ratePerSecond, clock);
    }

    /** From Config Admin; an invalid key fails activation with one sentence naming it. */
    public static CainiaoSettings from(CainiaoConfig c) {
        return new CainiaoSettings(c.account(), c.gatewayUrl(), c.appKey(), org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret()), org.ordertower.api.ConfigSecrets.resolve("session", c.session()), c.signMethod(),
                carriers(c.carriers()), c.templateUrl(), c.userId(), Duration.ofMillis(c.timeoutMs()), c.ratePerSecond(),
                c.appRatePerSecond(), Clock.systemUTC());
    }

    /** {@code SF, zto,YTO} into {SF, ZTO, YTO}. */
    public static Set<String> carriers(String list) {
        Set<String> out = new LinkedHashSet<>();
        if (list != null) {
            Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(s -> out.add(s.toUpperCase(Locale.ROOT)));
        }
        return out;
    }

    private static String required(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value.strip();
    }

    private static String url(String value, String key) {
        String v = required(value, key);
        URI uri;
        try {
            uri = URI.create(v);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + e.getMessage(), e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(key + " must be an http or https URL");
        }
        return v;
    }

    @Override
    public String toString() {
        return "CainiaoSettings[account=" + account + ", gatewayUrl=" + gatewayUrl + ", appKey=" + appKey + ", carriers="
                + carriers + "]";
    }
}
