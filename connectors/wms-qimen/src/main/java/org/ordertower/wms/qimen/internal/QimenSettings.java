package org.ordertower.wms.qimen.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.ordertower.wms.qimen.internal.api.QimenSigner;

/**
 * One account's checked settings, from {@link QimenConfig} or built by tests. Immutable; {@link #toString()} hides
 * the secret.
 *
 * @param gatewayUrl the router (or the WMS's Qimen endpoint)
 * @param appKey the ERP app's app_key
 * @param appSecret the ERP app's secret
 * @param customerId the WMS-side customer code
 * @param signMethod md5 or hmac
 * @param warehouses the OrderTower warehouse ids this account runs, in configuration order
 * @param warehouseCodes OrderTower warehouse id to WMS warehouseCode, one entry per warehouse
 * @param ownerCode the goods owner's code
 * @param timeout the HTTP timeout
 * @param ratePerSecond calls a second
 * @param pageSize rows per stock.query page
 * @param clock the clock for timestamps and the callback window
 */
public record QimenSettings(String gatewayUrl, String appKey, String appSecret, String customerId, String signMethod,
        Set<String> warehouses, Map<String, String> warehouseCodes, String ownerCode, Duration timeout,
        double ratePerSecond, int pageSize, Clock clock) {

    public QimenSettings {
        require(gatewayUrl, "gatewayUrl");
        require(appKey, "appKey");
        require(appSecret, "appSecret");
        require(customerId, "customerId");
        URI uri;
        try {
            uri = URI.create(gatewayUrl);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'", e);
        }
        if (!"https".equals(uri.getScheme()) && !"http".equals(uri.getScheme())) {
            throw new IllegalArgumentException("gatewayUrl must be an http(s) URL, was '" + gatewayUrl + "'");
        }
        if (uri.getRawQuery() != null) {
            throw new IllegalArgumentException("gatewayUrl must not carry a query (the system parameters go there)");
        }
        try {
            signMethod = QimenSigner.method(signMethod);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signMethod must be md5 or hmac, was '" + signMethod + "'", e);
        }
        if (warehouses == null || warehouses.isEmpty()) {
            throw new IllegalArgumentException("warehouses must name at least one OrderTower warehouse id");
        }
        warehouses = Collections.unmodifiableSet(new LinkedHashSet<>(warehouses));
        Map<String, String> codes = new LinkedHashMap<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (String w : warehouses) {
            String code = warehouseCodes == null ? null : warehouseCodes.get(w);
            code = code == null || code.isBlank() ? w : code.strip();
            String other = seen.put(code, w);
            if (other != null) {
                throw new IllegalArgumentException("warehouseCodes maps both " + other + " and " + w + " to " + code);
            }
            codes.put(w, code);
        }
        if (warehouseCodes != null) {
            for (String w : warehouseCodes.keySet()) {
                if (!warehouses.contains(w)) {
                    throw new IllegalArgumentException("warehouseCodes names " + w + ", which is not in warehouses");
                }
            }
        }
        warehouseCodes = Collections.unmodifiableMap(codes);
        ownerCode = ownerCode == null || ownerCode.isBlank() ? customerId : ownerCode.strip();
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeoutMs must be positive");
        }
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("ratePerSecond must be positive, was " + ratePerSecond);
        }
        if (pageSize < 1 || pageSize > QimenConstants.MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("pageSize must be 1.." + QimenConstants.MAX_PAGE_SIZE + ", was " + pageSize);
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Settings with defaults: md5, identity warehouse codes, owner = customer, 10 s, 10 calls/s, pages of 100. */
    public static QimenSettings of(String gatewayUrl, String appKey, String appSecret, String customerId,
            Set<String> warehouses) {
        return new QimenSettings(gatewayUrl, appKey, appSecret, customerId, QimenConstants.SIGN_MD5, warehouses, Map.of(),
                null, Duration.ofSeconds(10), 10, QimenConstants.MAX_PAGE_SIZE, Clock.systemUTC());
    }

    /** Checks a Config Admin configuration; a bad value fails with one sentence naming the key. */
    public static QimenSettings from(QimenConfig c) {
        if (c.timeoutMs() <= 0) {
            throw new IllegalArgumentException("timeoutMs must be positive, was " + c.timeoutMs());
        }
        return new QimenSettings(strip(c.gatewayUrl()), strip(c.appKey()), strip(org.ordertower.api.ConfigSecrets.resolve("appSecret", c.appSecret())), strip(c.customerId()),
                c.signMethod(), list(c.warehouses()), pairs(c.warehouseCodes()), c.ownerCode(),
                Duration.ofMillis(c.timeoutMs()), c.ratePerSecond(), c.pageSize(), Clock.systemUTC());
    }

    /** {@code a, b,c} into an ordered set, blanks dropped. */
    public static Set<String> list(String text) {
        Set<String> out = new LinkedHashSet<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** {@code WH-HZ=HZ001, WH-SH=SH01} into a map. */
    static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(text)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || eq == pair.length() - 1) {
                throw new IllegalArgumentException("warehouseCodes takes id=code pairs, not '" + pair + "'");
            }
            out.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return out;
    }

    /** The WMS warehouseCode of an OrderTower warehouse this account runs, or null. */
    public String codeOf(String warehouse) {
        return warehouseCodes.get(warehouse);
    }

    /** The OrderTower warehouse of a WMS warehouseCode, or null. */
    public String warehouseOf(String code) {
        for (Map.Entry<String, String> e : warehouseCodes.entrySet()) {
            if (e.getValue().equals(code)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The same settings with another clock, secret, customer or rate (tests). */
    public QimenSettings with(Clock newClock, String newSecret, String newCustomerId, double newRate) {
        return new QimenSettings(gatewayUrl, appKey, newSecret, newCustomerId, signMethod, warehouses, warehouseCodes,
                ownerCode, timeout, newRate, pageSize, newClock);
    }

    /** The same settings with another sign method and page size (tests). */
    public QimenSettings with(String newSignMethod, int newPageSize) {
        return new QimenSettings(gatewayUrl, appKey, appSecret, customerId, newSignMethod, warehouses, warehouseCodes,
                ownerCode, timeout, ratePerSecond, newPageSize, clock);
    }

    private static void require(String v, String key) {
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(key + " must be set");
        }
    }

    private static String strip(String v) {
        return v == null ? null : v.strip();
    }

    @Override
    public String toString() {
        return "QimenSettings[gatewayUrl=" + gatewayUrl + ", appKey=" + appKey + ", customerId=" + customerId
                + ", signMethod=" + signMethod + ", warehouses=" + warehouseCodes + ", ownerCode=" + ownerCode
                + ", timeout=" + timeout + ", rate=" + ratePerSecond + ", pageSize=" + pageSize + "]";
    }
}
