package org.ordertower.sim.kit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The simulators' own reading of TOP signing (docId=101617), written apart from the connectors' signer
 * ({@code TopSigning}) on purpose: both are pinned to TOP's published example, so a misreading in one shows up
 * against the other.
 */
public final class SimTopSigner {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SimTopSigner() {
    }

    /** The expected signature, or null when the sign method is not one TOP knows. */
    public static String expected(String secret, Map<String, String> params) {
        String[] names = params.keySet().toArray(new String[0]);
        Arrays.sort(names);
        StringBuilder body = new StringBuilder();
        for (String name : names) {
            String value = params.get(name);
            if (!"sign".equals(name) && !name.isEmpty() && value != null && !value.isEmpty()) {
                body.append(name).append(value);
            }
        }
        String method = params.get("sign_method");
        try {
            if (method == null || "md5".equals(method)) {
                MessageDigest md = MessageDigest.getInstance("MD5");
                return hex(md.digest((secret + body + secret).getBytes(StandardCharsets.UTF_8)));
            }
            String algorithm = switch (method) {
                case "hmac" -> "HmacMD5";
                case "hmac-sha256" -> "HmacSHA256";
                default -> null;
            };
            if (algorithm == null) {
                return null;
            }
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return hex(mac.doFinal(body.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
