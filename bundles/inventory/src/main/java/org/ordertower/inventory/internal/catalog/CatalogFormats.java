package org.ordertower.inventory.internal.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** How the catalog writes amounts and attributes, in its tables and its CSV files alike. */
final class CatalogFormats {
    private CatalogFormats() {
    }

    /** An amount as the catalog shows it: at least 2 decimals, no trailing zeros beyond. */
    static BigDecimal money(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 2 ? v.setScale(2, RoundingMode.UNNECESSARY) : s;
    }

    /** {@code k=v;k=v}, keys sorted. */
    static String formatAttributes(Map<String, String> attributes) {
        return new TreeMap<>(attributes).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
    }

    /** Reads {@code k=v;k=v}; throws IllegalArgumentException naming the bad entry. */
    static Map<String, String> parseAttributes(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String entry : text.split(";", -1)) {
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("attribute '" + entry + "' must be key=value");
            }
            if (out.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
                throw new IllegalArgumentException("attribute " + entry.substring(0, eq) + " is given twice");
            }
        }
        return out;
    }
}
