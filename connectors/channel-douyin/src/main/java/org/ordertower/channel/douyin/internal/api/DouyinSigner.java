package org.ordertower.channel.douyin.internal.api;

import java.util.Locale;
import java.util.Objects;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.douyin.internal.DouyinConstants;
import org.ordertower.connector.kit.Digests;

/**
 * Signs a gateway call the way the official SDKs do (sdk_golang utils/sign_util.go, Sign): the fixed-order
 * pattern {@code app_key<k>method<m>param_json<json>timestamp<ts>v2}, wrapped in the app secret on both
 * sides, digested with HMAC-SHA256 keyed by the secret ({@code sign_method=hmac-sha256}) or, for the
 * legacy method, plain MD5; lower-case hex. {@code access_token} and {@code sign_method} are not signed.
 * Pure and thread-safe.
 */
public final class DouyinSigner {
    private DouyinSigner() {
    }

    /** The exact text that is digested. */
    public static String stringToSign(String appKey, String appSecret, String method, String paramJson, String timestamp) {
        return appSecret + "app_key" + appKey + "method" + method + "param_json" + paramJson + "timestamp" + timestamp
                + "v" + DouyinConstants.VERSION + appSecret;
    }

    /** The signature, lower-case hex. */
    public static String sign(String signMethod, String appKey, String appSecret, String method, String paramJson,
            String timestamp) {
        return trace(signMethod, appKey, appSecret, method, paramJson, timestamp).signature();
    }

    /**
     * Signs and shows the string that was signed.
     *
     * @param signMethod {@code hmac-sha256} (what the SDKs send) or {@code md5}
     * @throws IllegalArgumentException for another method or a missing part
     */
    public static SignatureTrace trace(String signMethod, String appKey, String appSecret, String method, String paramJson,
            String timestamp) {
        require("app_key", appKey);
        require("app_secret", appSecret);
        require("method", method);
        require("timestamp", timestamp);
        Objects.requireNonNull(paramJson, "param_json");
        String text = stringToSign(appKey, appSecret, method, paramJson, timestamp);
        String m = signMethod == null ? DouyinConstants.SIGN_HMAC_SHA256 : signMethod.toLowerCase(Locale.ROOT);
        String signature = switch (m) {
            case DouyinConstants.SIGN_HMAC_SHA256 -> Digests.hmacHex("HmacSHA256", appSecret, text);
            case DouyinConstants.SIGN_MD5 -> Digests.md5Hex(text);
            default -> throw new IllegalArgumentException("sign_method must be hmac-sha256 or md5, was '" + signMethod + "'");
        };
        return new SignatureTrace(m, text, signature);
    }

    private static void require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required to sign");
        }
    }
}
