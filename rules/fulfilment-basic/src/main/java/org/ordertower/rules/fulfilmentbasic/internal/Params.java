package org.ordertower.rules.fulfilmentbasic.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a pack's text parameters: the defaults overlaid with the given ones, each parsed once. Every
 * problem is collected, so that {@link #check()} throws one exception naming all bad parameters as
 * {@code <key>: '<value>' is not <what was expected>}. Unknown keys are problems too: they are most
 * likely typos that would otherwise be ignored without a word. Not thread-safe; one per parse.
 */
final class Params {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    Params(String pack, Map<String, String> defaults, Map<String, String> given) {
        values = new HashMap<>(defaults);
        new TreeMap<>(given).forEach((key, value) -> {
            if (defaults.containsKey(key)) {
                if (value != null) {
                    values.put(key, value.strip());
                }
            } else if (!isFrameworkKey(key)) {
                problems.add(key + ": '" + value + "' is not a parameter of " + pack);
            }
        });
    }

    /** Keys Config Admin and File Install add to every configuration; they are not the pack's. */
    private static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.fileinstall.") || key.startsWith("component.");
    }

    /** {@code true} or {@code false}, in any case. */
    boolean flag(String key) {
        return parse(key, "true or false", v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(v);
            }
            return Boolean.parseBoolean(v);
        }, false);
    }

    /** Comma separated entries, stripped, blank ones left out; never invalid. */
    List<String> list(String key) {
        return entries(values.get(key), ",");
    }

    /**
     * Entries {@code a,b=value} separated by {@code ;}, read as {@code a=value} and {@code b=value}: each
     * key once, keys not blank, values stripped and accepted by {@code valueOk}.
     */
    Map<String, String> groups(String key, String expected, Predicate<String> valueOk) {
        return parse(key, expected, text -> {
            Map<String, String> map = new HashMap<>();
            for (String entry : entries(text, ";")) {
                String[] kv = entry.split("=", -1);
                List<String> keys = entries(kv[0], ",");
                String value = kv.length == 2 ? kv[1].strip() : "";
                if (kv.length != 2 || keys.isEmpty() || !valueOk.test(value)
                        || keys.stream().anyMatch(k -> map.put(k, value) != null)) {
                    throw new IllegalArgumentException(entry);
                }
            }
            return Map.copyOf(map);
        }, Map.of());
    }

    /** Throws one IllegalArgumentException naming every bad parameter, if there is any. */
    void check() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static List<String> entries(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private <T> T parse(String key, String expected, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(values.get(key));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": '" + values.get(key) + "' is not " + expected);
            return fallback;
        }
    }
}
