package org.ordertower.sim.douyin;

import java.util.Map;

/**
 * The simulator's settings ({@code SimulatorOptions.settings}); absent keys take the defaults below.
 *
 * @param appKey the one app key the simulator knows (19 digits, like the platform's)
 * @param appSecret that app's secret
 * @param shop the shop id (digits)
 * @param tokenTtlSeconds lifetime of the access tokens it issues (the platform's: 7 days)
 * @param ratePerSecond calls a second it takes from the app before answering 60000 isv.traffic-limited
 * @param timestampToleranceSeconds how far a call's timestamp may be from its clock (platform: 10 minutes)
 * @param pushUrl where to POST message pushes, or null for none
 * @param pushSignMethod {@code md5} (the platform's default) or {@code hmac-sha256} (then a sign-method header is sent)
 * @param duplicatePushes send every message twice (same msg_id)
 * @param shufflePushes hold messages briefly and deliver them out of order
 * @param pushAttempts how many times a message is tried until the receiver answers {"code":0}
 * @param pushRetryMillis the pause before the first retry (doubling after each)
 * @param decryptQuota how many ciphertexts order.batchDecrypt decrypts before refusing
 * @param seed the order book's random seed
 */
public record DouyinSimSettings(String appKey, String appSecret, String shop, long tokenTtlSeconds, double ratePerSecond,
        long timestampToleranceSeconds, String pushUrl, String pushSignMethod, boolean duplicatePushes,
        boolean shufflePushes, int pushAttempts, long pushRetryMillis, int decryptQuota, long seed) {

    public static final String DEFAULT_APP_KEY = "7000000000000000001";
    public static final String DEFAULT_APP_SECRET = "sim-douyin-secret-0001";
    public static final String DEFAULT_SHOP = "4463798";

    public static DouyinSimSettings of(Map<String, String> s) {
        DouyinSimSettings out = new DouyinSimSettings(s.getOrDefault("appKey", DEFAULT_APP_KEY),
                s.getOrDefault("appSecret", DEFAULT_APP_SECRET), s.getOrDefault("shop", DEFAULT_SHOP),
                num(s, "tokenTtlSeconds", 7 * 86_400L), dbl(s, "ratePerSecond", 50), num(s, "timestampToleranceSeconds", 600),
                blankToNull(s.get("pushUrl")), s.getOrDefault("pushSignMethod", "md5"), bool(s, "duplicatePushes"),
                bool(s, "shufflePushes"), (int) num(s, "pushAttempts", 4), num(s, "pushRetryMillis", 500),
                (int) num(s, "decryptQuota", 1000), num(s, "seed", 1));
        if (!out.appKey.matches("\\d{19}")) {
            throw new IllegalArgumentException("appKey must be 19 digits, as the platform's are");
        }
        if (!out.shop.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("shop must be a numeric shop id");
        }
        if (!out.pushSignMethod.equals("md5") && !out.pushSignMethod.equals("hmac-sha256")) {
            throw new IllegalArgumentException("pushSignMethod must be md5 or hmac-sha256");
        }
        if (out.pushAttempts < 1 || out.pushRetryMillis < 1) {
            throw new IllegalArgumentException("pushAttempts and pushRetryMillis must be at least 1");
        }
        return out;
    }

    private static long num(Map<String, String> s, String key, long dflt) {
        String v = s.get(key);
        try {
            return v == null || v.isBlank() ? dflt : Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'");
        }
    }

    private static double dbl(Map<String, String> s, String key, double dflt) {
        String v = s.get(key);
        try {
            return v == null || v.isBlank() ? dflt : Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> s, String key) {
        return Boolean.parseBoolean(s.getOrDefault(key, "false").strip());
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }
}
