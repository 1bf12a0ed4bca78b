package org.ordertower.alerts.internal.sink;

import java.nio.charset.StandardCharsets;

/** Lengths and cuts in UTF-8 bytes, as the robots count them. */
final class Utf8 {
    private Utf8() {
    }

    static int length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The longest start of {@code s} that takes at most {@code maxBytes} bytes, never splitting a character. */
    static String cut(String s, int maxBytes) {
        if (maxBytes <= 0) {
            return "";
        }
        int bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s.substring(0, i);
    }
}
