package org.ordertower.channel.taobao.internal.api;

import java.util.Map;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.connector.kit.TopSigning;

/**
 * TOP request signing ("API调用方法详解", docId=101617, section 签名算法) as the channel's api speaks it: the
 * algorithm itself is the kit's {@link TopSigning}, which Cainiao's e-waybill connector shares. Thread-safe.
 */
public final class TaobaoSigner {
    public static final String MD5 = TopSigning.MD5;
    public static final String HMAC = TopSigning.HMAC;
    public static final String HMAC_SHA256 = TopSigning.HMAC_SHA256;

    private TaobaoSigner() {
    }

    /** The sorted {@code k+v} concatenation, without the secret. */
    public static String canonical(Map<String, String> params) {
        return TopSigning.canonical(params);
    }

    /** Signs with the {@code sign_method} named in {@code params} (md5 when absent). */
    public static SignatureTrace sign(String secret, Map<String, String> params) {
        return trace(TopSigning.sign(secret, params));
    }

    /** Signs with {@code method}, whatever {@code params} holds. */
    public static SignatureTrace sign(String secret, Map<String, String> params, String method) {
        return trace(TopSigning.sign(secret, params, method));
    }

    /** The signature only. */
    public static String signature(String secret, Map<String, String> params) {
        return TopSigning.signature(secret, params);
    }

    private static SignatureTrace trace(TopSigning.Signed s) {
        return new SignatureTrace(s.method(), s.stringToSign(), s.signature());
    }
}
