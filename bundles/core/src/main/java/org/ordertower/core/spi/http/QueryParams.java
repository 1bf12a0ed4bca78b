package org.ordertower.core.spi.http;

import java.util.Map;

/** Typed query parameters; a bad value is an IllegalArgumentException that names the parameter (a 400). */
public final class QueryParams {
    private QueryParams() {
    }

    /**
     * The parameters of a raw query string ({@code a=1&b=x%20y}), decoded as UTF-8; a name given twice keeps its last
     * value, a name without {@code =} has the value "".
     *
     * @throws IllegalArgumentException naming the broken part when a percent escape is malformed (a 400)
     */
    public static Map<String, String> parse(String rawQuery) {
        Map<String, String> m = new java.util.HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return m;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                m.put(java.net.URLDecoder.decode(k, java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(v, java.nio.charset.StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the query has a malformed escape in '" + pair + "'");
            }
        }
        return m;
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
