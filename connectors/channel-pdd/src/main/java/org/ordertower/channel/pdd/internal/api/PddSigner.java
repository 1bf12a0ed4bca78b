package org.ordertower.channel.pdd.internal.api;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.connector.kit.Digests;

/**
 * Pinduoduo's request signature (API调用指南 / 签名算法): every parameter sent (system and business, never
 * {@code sign} itself), sorted by name in ASCII order, written as name immediately followed by value, the whole
 * wrapped in the client secret at both ends, MD5 over the UTF-8 bytes, upper-case hex. Values are signed exactly
 * as they are sent: an array or object parameter is signed as the JSON text that goes on the wire. Pure and
 * thread-safe.
 */
public final class PddSigner {
    private PddSigner() {
    }

    /** The text that is digested: {@code secret + k1v1k2v2... + secret}. */
    public static String stringToSign(String secret, Map<String, String> params) {
        StringBuilder sb = new StringBuilder(secret);
        for (Map.Entry<String, String> e : new TreeMap<>(params).entrySet()) {
            if (!"sign".equals(e.getKey()) && e.getValue() != null) {
                sb.append(e.getKey()).append(e.getValue());
            }
        }
        return sb.append(secret).toString();
    }

    /** The signature PDD expects: 32 upper-case hex digits. */
    public static String sign(String secret, Map<String, String> params) {
        return Digests.md5Hex(stringToSign(secret, params)).toUpperCase(Locale.ROOT);
    }
}
