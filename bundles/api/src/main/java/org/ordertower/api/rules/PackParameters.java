package org.ordertower.api.rules;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Reads a rule pack's text parameters for {@link RulePack#rules}: the defaults overlaid with the given ones, each parsed once. Every
 * problem is collected, so that {@link #check()} throws one exception naming all bad parameters as
 * {@code <key>: '<value>' is not <what was expected>}. Unknown keys are problems too: they are most
 * likely typos that would otherwise be ignored without a word. Not thread-safe; one per parse.
 */
public final class PackParameters {
    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    /**
     * @param pack the pack's name, for the messages
     * @param defaults every parameter the pack reads, with its default
     * @param given the parameters the engine passes (its configuration)
     */
    public PackParameters(String pack, Map<String, String> defaults, Map<String, String> given) {
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

    /** Keys Config Admin and File Install add to every configuration, and the pack it names; they are not parameters. */
    private static boolean isFrameworkKey(String key) {
        return key.startsWith("service.") || key.startsWith("felix.fileinstall.") || key.startsWith("component.")
                || key.equals("pack");
    }

    /** A whole number, at least {@code min}. */
    public int wholeNumber(String key, int min) {
        return parse(key, "a whole number of at least " + min, v -> parseWholeNumber(v, min), 0);
    }

    /** An amount of money, at least 0. */
    public BigDecimal amount(String key) {
        return parse(key, "an amount of at least 0", v -> valid(new BigDecimal(v), a -> a.signum() >= 0), null);
    }

    /** A ratio from 0 to 1, both included. */
    public BigDecimal ratio(String key) {
        return parse(key, "a ratio from 0 to 1",
                v -> valid(new BigDecimal(v), r -> r.signum() >= 0 && r.compareTo(BigDecimal.ONE) <= 0), null);
    }

    /** A time zone id. */
    public ZoneId zone(String key) {
        return parse(key, "a time zone such as Asia/Shanghai", ZoneId::of, null);
    }

    /** {@code true} or {@code false}, in any case. */
    public boolean flag(String key) {
        return parse(key, "true or false", v -> {
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(v);
            }
            return Boolean.parseBoolean(v);
        }, false);
    }

    /**
     * One of the given words, in any case; returned in lower case. A bad value is named as {@code
     * <key>: '<value>' is not one of <words>}.
     *
     * @param words the accepted words, in lower case
     * @since 2.2
     */
    public String choice(String key, String... words) {
        List<String> accepted = List.of(words);
        return parse(key, "one of " + String.join(", ", accepted), v -> {
            String word = v.toLowerCase(Locale.ROOT);
            if (!accepted.contains(word)) {
                throw new IllegalArgumentException(v);
            }
            return word;
        }, accepted.isEmpty() ? null : accepted.get(0));
    }

    /** Comma separated entries, stripped, blank ones left out; never invalid. */
    public List<String> list(String key) {
        return entries(values.get(key), ",");
    }

    /**
     * Entries {@code key=value} separated by {@code ;}, each key once, keys stripped and checked by
     * {@code keyOk}, values stripped and parsed by {@code value} (which throws IllegalArgumentException
     * when a value is bad).
     */
    public <V> Map<String, V> pairs(String key, String expected, Predicate<String> keyOk, Function<String, V> value) {
        return parse(key, expected, text -> {
            Map<String, V> map = new LinkedHashMap<>();
            for (String entry : text.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] kv = entry.split("=", -1);
                String k = kv[0].strip();
                if (kv.length != 2 || !keyOk.test(k) || map.put(k, value.apply(kv[1].strip())) != null) {
                    throw new IllegalArgumentException(entry);
                }
            }
            return Map.copyOf(map);
        }, Map.of());
    }

    /**
     * Entries {@code a,b=value} separated by {@code ;}, read as {@code a=value} and {@code b=value}: each
     * key once, keys not blank, values stripped and accepted by {@code valueOk}.
     */
    public Map<String, String> groups(String key, String expected, Predicate<String> valueOk) {
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

    /** Records a problem found by comparing parameters; the value shown is the parameter's. */
    public void invalid(String key, String expected) {
        problems.add(key + ": '" + values.get(key) + "' is not " + expected);
    }

    /** Throws one IllegalArgumentException naming every bad parameter, if there is any. */
    public void check() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Parses a whole number of at least {@code min}; throws IllegalArgumentException otherwise. */
    public static int parseWholeNumber(String text, int min) {
        return valid(Integer.parseInt(text), n -> n >= min);
    }

    /** Text that is not blank; throws IllegalArgumentException otherwise. */
    public static String parseText(String text) {
        return valid(text, t -> !t.isBlank());
    }

    private static List<String> entries(String text, String separator) {
        return Arrays.stream(text.split(separator)).map(String::strip).filter(e -> !e.isEmpty()).toList();
    }

    private static <T> T valid(T value, Predicate<T> ok) {
        if (!ok.test(value)) {
            throw new IllegalArgumentException(String.valueOf(value));
        }
        return value;
    }

    private <T> T parse(String key, String expected, Function<String, T> parser, T fallback) {
        try {
            return parser.apply(values.get(key));
        } catch (IllegalArgumentException | DateTimeException e) {
            invalid(key, expected);
            return fallback;
        }
    }
}
