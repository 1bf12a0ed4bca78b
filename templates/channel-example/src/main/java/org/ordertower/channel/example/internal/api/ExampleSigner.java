package org.ordertower.channel.example.internal.api;

import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

import org.ordertower.connector.kit.Digests;

/**
 * The Example Mall request signature. The string to sign is every request parameter but {@code sign} (the system
 * parameters method, app_key, timestamp, v, access_token and the business parameters alike) whose value is not
 * empty, ordered by name (ASCII, case-sensitive), each written {@code name=value} with the value as sent but not
 * URL-encoded (UTF-8 text), joined with {@code &}:
 *
 * <pre>access_token=at-1&amp;app_key=app-1&amp;method=order.get&amp;order_id=42&amp;timestamp=1700000000&amp;v=1</pre>
 *
 * <p>{@code sign} is HMAC-SHA256 of that string's UTF-8 bytes with the app secret's UTF-8 bytes as the key, written
 * as 64 lower-case hex digits. The secret is never part of the string and never sent. Pure and thread-safe.
 */
public final class ExampleSigner {
    private ExampleSigner() {
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

    /** The exact text that is signed: {@code name1=value1&name2=value2...}. */
    public static String stringToSign(Map<String, String> params) {
        StringJoiner text = new StringJoiner("&");
        signed(params).forEach((name, value) -> text.add(name + "=" + value));
        return text.toString();
    }

    /** The {@code sign} parameter. */
    public static String sign(String appSecret, Map<String, String> params) {
        return Digests.hmacHex("HmacSHA256", appSecret, stringToSign(params));
    }
}
