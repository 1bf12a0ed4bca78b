package org.ordertower.sim.pdd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Renders buyer data the way PDD's order APIs return it (加密改造): names and addresses as
 * {@code ~<base64>~<index>~0~~}, phones as {@code $<index>$<base64>$0$$}, plus the masked companions
 * ({@code 林*坤}, {@code 1*********5}). The "ciphertext" is a keyed hash: the simulator never decrypts.
 */
final class PddSimCipher {
    private final byte[] key;

    PddSimCipher(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    String text(String plain) {
        return plain == null || plain.isEmpty() ? "" : "~" + digest("t", plain, 32) + "~" + digest("i", plain, 8).replace('/', 'x') + "~0~~";
    }

    String phone(String plain) {
        return plain == null || plain.isEmpty() ? "" : "$" + digest("i", plain, 12).replace('/', 'x') + "$" + digest("p", plain, 32) + "$0$$";
    }

    static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return "";
        }
        int n = name.codePointCount(0, name.length());
        if (n == 1) {
            return "*";
        }
        String first = new String(Character.toChars(name.codePointAt(0)));
        String last = new String(Character.toChars(name.codePointBefore(name.length())));
        return n == 2 ? first + "*" : first + "*".repeat(n - 2) + last;
    }

    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 3) {
            return "";
        }
        return phone.charAt(0) + "*".repeat(phone.length() - 2) + phone.charAt(phone.length() - 1);
    }

    static String maskAddress(String address) {
        return address == null ? "" : address.replaceAll("\\d", "*");
    }

    private String digest(String kind, String plain, int bytes) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(key);
            md.update(kind.getBytes(StandardCharsets.UTF_8));
            byte[] a = md.digest(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[bytes];
            for (int i = 0; i < bytes; i++) {
                out[i] = a[i % a.length];
                if (i >= a.length) {
                    out[i] ^= (byte) i;
                }
            }
            return Base64.getEncoder().withoutPadding().encodeToString(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
