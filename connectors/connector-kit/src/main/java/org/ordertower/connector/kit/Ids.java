package org.ordertower.connector.kit;

/**
 * Checks of platform ids on the per-order path, without compiling a regular expression per call (which
 * {@code String.matches} does).
 */
public final class Ids {
    private Ids() {
    }

    /** True when {@code s} is 1 to {@code maxLength} ASCII digits. */
    public static boolean digits(String s, int maxLength) {
        if (s == null || s.isEmpty() || s.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
