package org.ordertower.connector.kit;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Request signing of Taobao's open platform (TOP, router/rest 2.0), which Taobao, Tmall and Cainiao's e-waybill
 * for Taobao sellers share ("API调用方法详解", open.taobao.com docId=101617, section 签名算法): every parameter but
 * {@code sign} (and byte[] uploads), empty values skipped as the official SDKs do, sorted by name in ASCII order,
 * each name immediately followed by its value, UTF-8; then
 * <ul>
 * <li>{@code md5}: MD5(secret + s + secret)</li>
 * <li>{@code hmac}: HMAC-MD5(key = secret, s)</li>
 * <li>{@code hmac-sha256}: HMAC-SHA256(key = secret, s)</li>
 * </ul>
 * in upper-case hex. Pure and thread-safe.
 */
public final class TopSigning {
    public static final String MD5 = "md5";
    public static final String HMAC = "hmac";
    public static final String HMAC_SHA256 = "hmac-sha256";
    /** TOP's {@code timestamp}: {@code yyyy-MM-dd HH:mm:ss} in GMT+8 (the gateway allows 10 minutes either way). */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("GMT+8"));

    /**
     * A signature with what went into it.
     *
     * @param method the sign method
     * @param stringToSign the digested text, secret included for md5 (never log it)
     * @param signature upper-case hex
     */
    public record Signed(String method, String stringToSign, String signature) {
    }

    private TopSigning() {
    }

    /** True for a sign method TOP knows. */
    public static boolean known(String method) {
        return MD5.equals(method) || HMAC.equals(method) || HMAC_SHA256.equals(method);
    }

    /** The sorted {@code k+v} concatenation, without the secret. */
    public static String canonical(Map<String, String> params) {
        StringBuilder sb = new StringBuilder();
        // TreeMap over String sorts by UTF-16 code unit, which is ASCII order for TOP's ASCII names
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k == null || k.isEmpty() || "sign".equals(k) || v == null || v.isEmpty()) {
                continue;
            }
            sb.append(k).append(v);
        }
        return sb.toString();
    }

    /** Signs with the {@code sign_method} named in {@code params} (md5 when absent). */
    public static Signed sign(String secret, Map<String, String> params) {
        return sign(secret, params, params.getOrDefault("sign_method", MD5));
    }

    /**
     * Signs with {@code method}, whatever {@code params} holds.
     *
     * @throws IllegalArgumentException for a missing secret or a method TOP does not know
     */
    public static Signed sign(String secret, Map<String, String> params, String method) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret is required");
        }
        String s = canonical(params);
        return switch (method == null ? "" : method) {
            case MD5 -> {
                String wrapped = secret + s + secret;
                yield new Signed(MD5, wrapped, upper(Digests.md5Hex(wrapped)));
            }
            case HMAC -> new Signed(HMAC, s, upper(Digests.hmacHex("HmacMD5", secret, s)));
            case HMAC_SHA256 -> new Signed(HMAC_SHA256, s, upper(Digests.hmacHex("HmacSHA256", secret, s)));
            default -> throw new IllegalArgumentException("sign_method must be md5, hmac or hmac-sha256, was '" + method + "'");
        };
    }

    /**
     * A whole signed request: TOP's system parameters ({@code method, app_key, session, timestamp, format=json,
     * v=2.0, sign_method}), the business ones, and {@code sign}.
     *
     * @param session the seller's session, or null for an app-level call
     */
    public static Map<String, String> request(String method, String appKey, String session, Instant now, String signMethod,
            Map<String, String> business, String secret) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("method", method);
        params.put("app_key", appKey);
        if (session != null) {
            params.put("session", session);
        }
        params.put("timestamp", TIMESTAMP.format(now));
        params.put("format", "json");
        params.put("v", "2.0");
        params.put("sign_method", signMethod);
        params.putAll(business);
        params.put("sign", sign(secret, params, signMethod).signature());
        return params;
    }

    /** The signature only, by the {@code sign_method} in {@code params}. */
    public static String signature(String secret, Map<String, String> params) {
        return sign(secret, params).signature();
    }

    private static String upper(String hex) {
        return hex.toUpperCase(Locale.ROOT);
    }
}
