package org.ordertower.carrier.kuaidi100.internal;

import java.net.URI;
import java.time.Duration;

/**
 * One account's checked settings, from {@link Kuaidi100Config} or built by tests. Immutable; {@link #toString()}
 * hides the key and salt.
 *
 * @param pollUrl the tracking host, no trailing slash
 * @param customer the customer id (查询公司编号)
 * @param key the authorisation key
 * @param salt the push salt
 * @param timeout the HTTP timeout
 * @param ratePerSecond calls a second
 */
public record Kuaidi100Settings(String pollUrl, String customer, String key, String salt, Duration timeout,
        double ratePerSecond) {

    public Kuaidi100Settings {
        require(pollUrl, "pollUrl");
        require(customer, "customer");
        require(key, "key");
        require(salt, "salt");
        String scheme;
        try {
            scheme = URI.create(pollUrl).getScheme();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("pollUrl must be an http(s) URL, was '" + pollUrl + "'", e);
        }
        if (!"https".equals(scheme) && !"http".equals(scheme)) {
            throw new IllegalArgumentException("pollUrl must be an http(s) URL, was '" + pollUrl + "'");
        }
        pollUrl = pollUrl.endsWith("/") ? pollUrl.substring(0, pollUrl.length() - 1) : pollUrl;
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutMs must be positive");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        }
    }

    /** Settings with a 10 s timeout and 10 calls a second. */
    public static Kuaidi100Settings of(String pollUrl, String customer, String key, String salt) {
        return new Kuaidi100Settings(pollUrl, customer, key, salt, Duration.ofSeconds(10), 10);
    }

    /** Checks a Config Admin configuration; a bad value fails with one sentence naming the key. */
    public static Kuaidi100Settings from(Kuaidi100Config c) {
        if (c.timeoutMs() <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + c.timeoutMs());
        }
        return new Kuaidi100Settings(strip(c.pollUrl()), strip(c.customer()), strip(org.ordertower.api.ConfigSecrets.resolve("key", c.key())), strip(org.ordertower.api.ConfigSecrets.resolve("salt", c.salt())),
                Duration.ofMillis(c.timeoutMs()), c.ratePerSecond());
    }

    /** The same settings with another key (tests). */
    public Kuaidi100Settings withKey(String newKey) {
        return new Kuaidi100Settings(pollUrl, customer, newKey, salt, timeout, ratePerSecond);
    }

    /** The same settings with another salt (tests). */
    public Kuaidi100Settings withSalt(String newSalt) {
        return new Kuaidi100Settings(pollUrl, customer, key, newSalt, timeout, ratePerSecond);
    }

    private static void require(String v, String name) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " must be set");
        }
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    @Override
    public String toString() {
        return "Kuaidi100Settings[pollUrl=" + pollUrl + ", customer=" + customer + ", timeout=" + timeout + ", rate="
                + ratePerSecond + "]";
    }
}
