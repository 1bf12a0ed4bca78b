package org.ordertower.fulfilment.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The digests fulfilment keeps of what it compares later (merge keys, the receiver a parcel went out with). */
final class Digests {
    private Digests() {
    }

    /** SHA-256 of the text's UTF-8 bytes, as lower-case hex. */
    static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
