package org.ordertower.sim.douyin;

import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.connector.kit.Digests;

/**
 * Buyer data the way the platform encrypts it (数据安全加密, op.jinritemai.com/docs/guide-docs/56/589):
 * opaque ciphertexts wrapped in a field-specific delimiter with a search index, names {@code ~..~..~1~~},
 * phones {@code $..$..$1$$}, address details {@code #..#..#1##}. The simulator remembers each
 * ciphertext's order and plaintext so order.batchDecrypt can answer. Thread-safe.
 */
final class DouyinSimCipher {
    /** What a ciphertext stands for. */
    record Plain(String orderId, String text, int dataType) {
    }

    static final int ADDRESS = 1;
    static final int NAME = 2;
    static final int PHONE = 3;

    private final String key;
    private final Map<String, Plain> known = new ConcurrentHashMap<>();

    DouyinSimCipher(String key) {
        this.key = key;
    }

    String encrypt(String orderId, String text, int dataType) {
        String body = Base64.getEncoder().encodeToString(Digests.hmac("HmacSHA256", key, dataType + "|" + orderId + "|" + text));
        String index = Digests.md5Hex(key + text).substring(0, 8);
        String c = switch (dataType) {
            case NAME -> "~AgAAA" + body + "~" + index + "~1~~";
            case PHONE -> "$AgAAA" + body + "$" + index + "$1$$";
            default -> "#AgAAA" + body + "#" + index + "#1##";
        };
        known.put(c, new Plain(orderId, text, dataType));
        return c;
    }

    /** The plaintext behind {@code cipher}, or null when the simulator never issued it. */
    Plain decrypt(String cipher) {
        return known.get(cipher);
    }
}
