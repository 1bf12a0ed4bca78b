package org.ordertower.api.fulfilment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * OrderTower's carrier codes (the standard codes of this package: {@code SF}, {@code ZTO}...) with the names the
 * companies go by on the marketplaces' logistics company lists. The channel runtime matches a platform's list to
 * these codes by the platform's company code or by one of these names, exactly (after trimming); anything else is
 * left unmatched and reported, never guessed. Pure.
 */
public final class Carriers {
    private static final Map<String, List<String>> NAMES = new LinkedHashMap<>();

    static {
        NAMES.put("SF", List.of("顺丰速运", "顺丰快递", "顺丰"));
        NAMES.put("ZTO", List.of("中通快递", "中通速递", "中通"));
        NAMES.put("YTO", List.of("圆通速递", "圆通快递", "圆通"));
        NAMES.put("STO", List.of("申通快递", "申通"));
        NAMES.put("YUNDA", List.of("韵达快递", "韵达速递", "韵达"));
        NAMES.put("EMS", List.of("EMS", "邮政EMS", "中国邮政速递物流", "EMS经济快递"));
        NAMES.put("JD", List.of("京东物流", "京东快递", "京东配送"));
        NAMES.put("JTSD", List.of("极兔速递", "极兔快递", "极兔"));
        NAMES.put("DBKD", List.of("德邦快递", "德邦物流", "德邦"));
    }

    private Carriers() {
    }

    /** Every OrderTower carrier code, in a stable order. */
    public static Set<String> codes() {
        return NAMES.keySet();
    }

    /** The names {@code code} goes by (the first is the usual one); empty for an unknown code. */
    public static List<String> names(String code) {
        return code == null ? List.of() : NAMES.getOrDefault(code.strip().toUpperCase(Locale.ROOT), List.of());
    }

    /** True when {@code code} is one of OrderTower's carrier codes (case-insensitive). */
    public static boolean known(String code) {
        return !names(code).isEmpty();
    }
}
