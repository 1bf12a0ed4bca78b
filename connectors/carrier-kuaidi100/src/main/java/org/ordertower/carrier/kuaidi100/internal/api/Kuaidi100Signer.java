package org.ordertower.carrier.kuaidi100.internal.api;

import java.util.Locale;

import org.ordertower.connector.kit.Digests;

/**
 * Kuaidi100's two signatures, pure: the real-time query's {@code UPPER(MD5(param + key + customer))} (实时快递查询接口,
 * sign: "按param + key + customer 的顺序进行MD5加密, 转32位大写, 不需要加上+号"; java-demo SignUtils.querySign) and the
 * push's {@code UPPER(MD5(param + salt))} (推送接口, sign: "加密方式: md5(param+salt)"; java-demo Subscribe.callBackUrl).
 * {@code param} is the exact JSON text sent (or received), never re-serialised.
 */
public final class Kuaidi100Signer {
    private Kuaidi100Signer() {
    }

    public static String queryStringToSign(String param, String key, String customer) {
        return param + key + customer;
    }

    public static String querySign(String param, String key, String customer) {
        return md5Upper(queryStringToSign(param, key, customer));
    }

    public static String pushStringToSign(String param, String salt) {
        return param + salt;
    }

    public static String pushSign(String param, String salt) {
        return md5Upper(pushStringToSign(param, salt));
    }

    private static String md5Upper(String text) {
        return Digests.md5Hex(text).toUpperCase(Locale.ROOT);
    }
}
