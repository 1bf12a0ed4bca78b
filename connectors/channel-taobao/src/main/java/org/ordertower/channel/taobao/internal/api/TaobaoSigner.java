package org.ordertower.channel.taobao.internal.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.connector.kit.Digests;

/**
 * TOP request signing, pure ("API调用方法详解", docId=101617, section 签名算法): every parameter but {@code sign}
 * (and byte[] uploads, which this connector never sends), empty values skipped as the official SDKs do, sorted by
 * name in ASCII order, each name immediately followed by its value, UTF-8; then
 * <ul>
 * <li>{@code md5}: MD5(secret + s + secret)</li>
 * <li>{@code hmac}: HMAC-MD5(key = secret, s)</li>
 * <li>{@code hmac-sha256}: HMAC-SHA256(key = secret, s)</li>
 * </ul>
 * in upper-case hex. Thread-safe.
 */
public final class TaobaoSigner {
    public static final String MD5 = "md5";
    public static final String HMAC = "hmac";
    public static final String HMAC_SHA256 = "hmac-sha256";

    private TaobaoSigner() {
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
    public static SignatureTrace sign(String secret, Map<String, String> params) {
        return sign(secret, params, params.getOrDefault("sign_method", MD5));
    }

    /** Signs with {@code method}, whatever {@code params} holds. */
    public static SignatureTrace sign(String secret, Map<String, String> params, String method) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret is required");
        }
        String s = canonical(params);
        return switch (method) {
            case MD5 -> {
                String wrapped = secret + s + secret;
                yield new SignatureTrace(MD5, wrapped, upper(Digests.md5Hex(wrapped)));
            }
            case HMAC -> new SignatureTrace(HMAC, s, upper(Digests.hmacHex("HmacMD5", secret, s)));
            case HMAC_SHA256 -> new SignatureTrace(HMAC_SHA256, s, upper(Digests.hmacHex("HmacSHA256", secret, s)));
            default -> throw new IllegalArgumentException("sign_method must be md5, hmac or hmac-sha256, was '" + method + "'");
        };
    }

    /** The signature only. */
    public static String signature(String secret, Map<String, String> params) {
        return sign(secret, params).signature();
    }

    private static String upper(String hex) {
        return hex.toUpperCase(Locale.ROOT);
    }

}
