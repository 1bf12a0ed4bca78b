package org.ordertower.core.spi.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Typed query parameters; a bad value is an IllegalArgumentException that names the parameter (a 400).
 *
 * <p>The lists page alike ({@link #limit}, {@link #afterId}, {@link #afterKey}, {@link KeysetPage}): {@code limit} items
 * from the cursor {@code after} on, and {@code next}, the cursor of the page that follows, null on the last page.
 */
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

    /**
     * The page size {@code limit}: {@code dflt} when absent.
     *
     * @throws IllegalArgumentException "limit must be 1..max, was N" when it is outside 1 to {@code max}, or not a
     *     whole number (a 400; no list clamps it silently)
     */
    public static int limit(Map<String, String> q, int dflt, int max) {
        int limit = integer(q, "limit", dflt);
        if (limit < 1 || limit > max) {
            throw new IllegalArgumentException("limit must be 1.." + max + ", was " + limit);
        }
        return limit;
    }

    /**
     * The cursor {@code after} of a list keyed by a numeric id: the {@code next} of the previous page; null when absent.
     *
     * @throws IllegalArgumentException when it is not such an id (a 400)
     */
    public static Long afterId(Map<String, String> q) {
        String v = q.get("after");
        if (v == null || v.isBlank()) {
            return null;
        }
        if (!v.strip().matches("\\d{1,18}")) {
            throw new IllegalArgumentException("after must be the next cursor of the previous page (an id), was '" + v + "'");
        }
        return Long.parseLong(v.strip());
    }

    /**
     * The cursor {@code after} of a list keyed by text: the {@code next} of the previous page as {@link #cursor} made
     * it, read back into its {@code parts} parts; null when absent.
     *
     * @throws IllegalArgumentException when it is not such a cursor (a 400)
     */
    public static List<String> afterKey(Map<String, String> q, int parts) {
        String v = q.get("after");
        if (v == null || v.isBlank()) {
            return null;
        }
        IllegalArgumentException bad = new IllegalArgumentException("after must be the next cursor of the previous page "
                + "(as given), was '" + v + "'");
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(v.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw bad;
        }
        List<String> out = new ArrayList<>();
        for (String part : text.split("&", -1)) {
            try {
                out.add(java.net.URLDecoder.decode(part, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw bad;
            }
        }
        if (out.size() != parts) {
            throw bad;
        }
        return out;
    }

    /**
     * The cursor of a list keyed by text ({@link #afterKey} reads it back): opaque, and safe in a query string as it
     * is (letters, digits, {@code -} and {@code _}).
     */
    public static String cursor(String... parts) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                b.append('&');
            }
            b.append(java.net.URLEncoder.encode(parts[i] == null ? "" : parts[i], StandardCharsets.UTF_8));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.toString().getBytes(StandardCharsets.UTF_8));
    }
}
