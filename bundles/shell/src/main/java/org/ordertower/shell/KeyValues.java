package org.ordertower.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The {@code key=value} arguments of signing and simulator commands. */
public final class KeyValues {
    private KeyValues() {
    }

    /**
     * Splits each {@code key=value} at its first {@code =} (a value may hold more), sorted by key.
     *
     * @param what how the command calls them, for the error message
     * @throws IllegalArgumentException naming the first argument that is not {@code key=value}
     */
    public static Map<String, String> parse(List<String> pairs, String what) {
        Map<String, String> map = new TreeMap<>();
        for (String p : pairs == null ? List.<String>of() : pairs) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(what + " take key=value; '" + p + "' is not");
            }
            map.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return map;
    }
}
