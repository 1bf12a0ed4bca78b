package org.ordertower.channel.jd.internal.api;

import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.ordertower.connector.kit.Digests;

/**
 * The JOS request signature (开发规范, "API签名"; open.jd.com dev-guide listId=2643): every request parameter but
 * {@code sign} — the system parameters method, access_token, app_key, timestamp, v and the one business parameter
 * {@code 360buy_param_json} — ordered by name (ASCII, so {@code 360buy_param_json} comes first), each written as
 * name then value with nothing between, the app secret added at both ends, MD5 over the UTF-8 bytes, 32 upper-case
 * hex digits. Parameters without a value take no part (the SDKs skip empty values, so an app-level call without
 * access_token signs without it). The client sends neither {@code format} nor {@code sign_method}, so whether JOS
 * would sign them never matters. Pure and thread-safe.
 */
public final class JdSigner {
    private JdSigner() {
    }

    /** The parameters that take part, in signing order. */
    static SortedMap<String, String> signed(Map<String, String> params) {
        SortedMap<String, String> out = new TreeMap<>();
        params.forEach((name, value) -> {
            if (!"sign".equals(name) && value != null && !value.isEmpty()) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** The exact text that is digested: {@code secret + name1value1name2value2... + secret}. */
    public static String stringToSign(String appSecret, Map<String, String> params) {
        StringBuilder text = new StringBuilder(appSecret);
        signed(params).forEach((name, value) -> text.append(name).append(value));
        return text.append(appSecret).toString();
    }

    /** The {@code sign} parameter. */
    public static String sign(String appSecret, Map<String, String> params) {
        return Digests.md5Hex(stringToSign(appSecret, params)).toUpperCase(Locale.ROOT);
    }
}
