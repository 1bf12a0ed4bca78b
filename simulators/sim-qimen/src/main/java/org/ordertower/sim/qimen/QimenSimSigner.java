package org.ordertower.sim.qimen;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulator's own reading of 奇门签名, written apart from the connector's signer on purpose (a test oracle):
 * sorted name+value of the query parameters but sign, then the body; md5 wraps that in the secret, hmac keys
 * HMAC-MD5 with it; upper-case hex. A parameter with an empty name or value is not signed, as the router checks
 * (the Qimen SDK's {@code SpiUtils.checkSign} through {@code TaobaoUtils.signTopRequest}, which appends a pair only
 * when {@code areNotEmpty(key, value)}): a request that carries {@code partner_id=} verifies against the signature
 * made without it, and one signed with the empty pair does not.
 */
final class QimenSimSigner {
    private QimenSimSigner() {
    }

    static String sign(String secret, String signMethod, Map<String, String> query, String body) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(query).forEach((k, v) -> {
            if (!"sign".equals(k) && k != null && !k.isEmpty() && v != null && !v.isEmpty()) {
                text.append(k).append(v);
            }
        });
        text.append(body == null ? "" : body);
        try {
            byte[] digest;
            if ("hmac".equals(signMethod)) {
                Mac mac = Mac.getInstance("HmacMD5");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacMD5"));
                digest = mac.doFinal(text.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                String wrapped = secret + text + secret;
                digest = MessageDigest.getInstance("MD5").digest(wrapped.getBytes(StandardCharsets.UTF_8));
            }
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is part of every JVM", e);
        }
    }
}
