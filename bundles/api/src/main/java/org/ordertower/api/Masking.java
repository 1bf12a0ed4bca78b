package org.ordertower.api;

/**
 * Masking helpers for buyer data shown in logs, the shell and the web console to people who need
 * not see it. Pure functions, thread-safe, null in gives null out.
 */
public final class Masking {
    private Masking() {
    }

    /** Keeps the first 3 and last 4 digits of a phone number: {@code 13812345678 -> 138****5678}. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String p = phone.strip();
        if (p.length() <= 4) {
            return "*".repeat(p.length());
        }
        int keepHead = p.length() >= 11 ? 3 : Math.min(2, p.length() - 4);
        return p.substring(0, keepHead) + "*".repeat(p.length() - keepHead - 4) + p.substring(p.length() - 4);
    }

    /** Keeps the first character of a name: {@code 张三丰 -> 张**}. Works on code points. */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.isEmpty()) {
            return n;
        }
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }

    /** Replaces a free-text address part (street, house number) by a fixed mask. */
    public static String text(String value) {
        return value == null ? null : value.isBlank() ? value : "****";
    }
}
