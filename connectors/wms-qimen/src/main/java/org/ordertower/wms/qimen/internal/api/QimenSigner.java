package org.ordertower.wms.qimen.internal.api;

import java.util.Locale;
import java.util.Map;

import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.TopSigning;
import org.ordertower.wms.qimen.internal.QimenConstants;

/**
 * The Qimen router's signature (奇门签名, developer.alibaba.com/docs/doc.htm?articleId=118404&docType=1&treeId=780):
 * every query parameter but {@code sign} (method, timestamp, format, app_key, v, sign_method, customerId and any
 * other) whose name and value are both non-empty, sorted by name in ASCII order, written as name immediately followed
 * by value, then the raw request body (the XML exactly as sent). {@code md5}: UPPER(MD5(secret + that + secret)); {@code hmac}: UPPER(HMAC_MD5 keyed
 * with the secret over that, no secret wrap). Values are signed decoded, as the receiver reads them. The same
 * signature covers callbacks from the WMS to the ERP. Pure and thread-safe.
 *
 * <p>A parameter with a null or empty value is left out of the string, as the router's own SDK signs and checks:
 * {@code TaobaoUtils.signTopRequest(params, body, secret, signMethod)} appends a pair only when
 * {@code StringUtils.areNotEmpty(key, value)}, and the SDK's {@code SpiUtils.checkSign} (what a WMS or ERP behind the
 * router verifies with) calls that same method. The parameter part is therefore TOP's own canonical string
 * ({@link TopSigning#canonical}), the body appended after it.
 *
 * <p>The page's worked example cannot be reproduced (it prints the body as the placeholder "body" and never gives
 * it), so the tests pin this class with digests computed independently on the shell; see the README.
 */
public final class QimenSigner {
    private QimenSigner() {
    }

    /** Name+value of every parameter but sign and those with an empty name or value, ASCII order, then the body. */
    public static String canonical(Map<String, String> params, String body) {
        return TopSigning.canonical(params) + (body == null ? "" : body);
    }

    /** What goes into the digest: wrapped in the secret for md5, bare for hmac (the secret is the key). */
    public static String stringToSign(String secret, String signMethod, Map<String, String> params, String body) {
        String canonical = canonical(params, body);
        return QimenConstants.SIGN_HMAC.equals(method(signMethod)) ? canonical : secret + canonical + secret;
    }

    /** The signature: 32 upper-case hex digits. */
    public static String sign(String secret, String signMethod, Map<String, String> params, String body) {
        String method = method(signMethod);
        String text = stringToSign(secret, method, params, body);
        String hex = QimenConstants.SIGN_HMAC.equals(method) ? Digests.hmacHex("HmacMD5", secret, text)
                : Digests.md5Hex(text);
        return hex.toUpperCase(Locale.ROOT);
    }

    /**
     * The sign method, md5 when absent (the router's default).
     *
     * @throws IllegalArgumentException for anything but md5 and hmac
     */
    public static String method(String signMethod) {
        if (signMethod == null || signMethod.isBlank()) {
            return QimenConstants.SIGN_MD5;
        }
        String m = signMethod.strip().toLowerCase(Locale.ROOT);
        if (!QimenConstants.SIGN_MD5.equals(m) && !QimenConstants.SIGN_HMAC.equals(m)) {
            throw new IllegalArgumentException("sign_method must be md5 or hmac, was '" + signMethod + "'");
        }
        return m;
    }
}
