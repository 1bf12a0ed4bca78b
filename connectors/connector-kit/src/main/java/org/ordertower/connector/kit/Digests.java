package org.ordertower.connector.kit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Digest primitives over UTF-8 text. Canonical strings are each platform's own business, not this class's. */
public final class Digests {
    private Digests() {
    }

    /** MD5 of the text, lower-case hex. */
    public static String md5Hex(String text) {
        return HexFormat.of().formatHex(digest("MD5", text));
    }

    /** SHA-256 of the text, lower-case hex. */
    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(digest("SHA-256", text));
    }

    /** HMAC of the text, lower-case hex. {@code algorithm} is a JCA name: {@code HmacMD5}, {@code HmacSHA256}. */
    public static String hmacHex(String algorithm, String key, String text) {
        return HexFormat.of().formatHex(hmac(algorithm, key, text));
    }

    /** HMAC of the text, raw bytes. */
    public static byte[] hmac(String algorithm, String key, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is not available: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(String algorithm, String text) {
        try {
            return MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is part of every JVM", e);
        }
    }

    /** Compares two signatures exactly (case included: platforms fix the case) in constant time. */
    public static boolean sameSignature(String expected, String actual) {
        if (expected == null || actual == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
