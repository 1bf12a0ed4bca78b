package org.ordertower.carrier.kuaidi100.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.fulfilment.PartnerException;

/**
 * Standard carrier codes (api fulfilment package: SF, ZTO...) and Kuaidi100's company codes (its 快递公司编码表,
 * lower case; as in the official java-demo {@code CompanyConstant} and the code table the docs link), both ways.
 * Pure; an unknown code is PERMANENT.
 */
public final class Kuaidi100Companies {
    private static final Map<String, String> TO_KUAIDI100 = new LinkedHashMap<>();
    private static final Map<String, String> TO_STANDARD = new LinkedHashMap<>();
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        add("SF", "shunfeng", "顺丰速运");
        add("ZTO", "zhongtong", "中通快递");
        add("YTO", "yuantong", "圆通速递");
        add("STO", "shentong", "申通快递");
        add("YUNDA", "yunda", "韵达快递");
        add("EMS", "ems", "EMS");
        add("JD", "jd", "京东物流");
        add("JTSD", "jtexpress", "极兔速递");
        add("DBKD", "debangkuaidi", "德邦快递");
    }

    /**
     * Kuaidi100 codes whose tracking needs the receiver's (or sender's) phone: 顺丰速运 and 中通快递
     * (实时查询 param.phone: "顺丰速运、顺丰快运、中通快递必填").
     */
    public static final Set<String> PHONE_REQUIRED = Set.of("shunfeng", "zhongtong");

    private Kuaidi100Companies() {
    }

    private static void add(String standard, String kuaidi100, String name) {
        TO_KUAIDI100.put(standard, kuaidi100);
        TO_STANDARD.put(kuaidi100, standard);
        NAMES.put(kuaidi100, name);
    }

    /** The standard codes this connector translates. */
    public static Set<String> standardCodes() {
        return TO_KUAIDI100.keySet();
    }

    /** The Kuaidi100 codes this connector translates. */
    public static Set<String> kuaidi100Codes() {
        return TO_STANDARD.keySet();
    }

    /** {@code SF} → {@code shunfeng}; case-insensitive. */
    public static String toKuaidi100(String standard) {
        String code = standard == null ? null : TO_KUAIDI100.get(standard.strip().toUpperCase(Locale.ROOT));
        if (code == null) {
            throw new PartnerException(PartnerException.Kind.PERMANENT, "kuaidi100: carrier '" + standard
                    + "' has no Kuaidi100 company code here (known: " + String.join(", ", standardCodes()) + ")");
        }
        return code;
    }

    /** {@code shunfeng} → {@code SF}; exact (Kuaidi100 codes are lower case). */
    public static String toStandard(String kuaidi100) {
        String code = kuaidi100 == null ? null : TO_STANDARD.get(kuaidi100);
        if (code == null) {
            throw new PartnerException(PartnerException.Kind.PERMANENT, "kuaidi100: company code '" + kuaidi100
                    + "' has no standard carrier code here (known: " + String.join(", ", kuaidi100Codes()) + ")");
        }
        return code;
    }

    /** The company's Chinese name, or null for a code not known here. */
    public static String name(String kuaidi100) {
        return NAMES.get(kuaidi100);
    }
}
