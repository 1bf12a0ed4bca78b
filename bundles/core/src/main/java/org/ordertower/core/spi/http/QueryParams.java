package org.ordertower.core.spi.http;

import java.util.Map;

/** Typed query parameters; a bad value is an IllegalArgumentException that names the parameter (a 400). */
public final class QueryParams {
    private QueryParams() {
    }

    public static int integer(Map<String, String> q, String name, int dflt) {
        String v = q.get(name);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number, was '" + v + "'");
        }
    }

    /** {@code true} or {@code false}; false when absent. */
    public static boolean bool(Map<String, String> q, String name) {
        String v = q.get(name);
        if (v == null || v.strip().equals("false")) {
            return false;
        }
        if (v.strip().equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false, was '" + v + "'");
    }
}
