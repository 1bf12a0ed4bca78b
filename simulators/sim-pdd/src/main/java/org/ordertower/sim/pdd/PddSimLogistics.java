package org.ordertower.sim.pdd;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * PDD's logistics company list as {@code pdd.logistics.companies.get} answers it, and the ids its ship call accepts.
 *
 * <p>The entries are PDD's own (id, code, name, available), copied from a real answer quoted in public code: a Java
 * ERP (package {@code com.px.mis.ec}, {@code LogisticsTabServiceImpl}) keeps a whole
 * {@code logistics_companies_get_response} with {@code request_id} 15807151639054916 (early 2020) in a comment. A
 * subset is served: the big carriers, a few others, and some retired entries ({@code available} 0) so that a client
 * that ignores the flag is caught. The one change: 极兔快递 (384, {@code JTKD}) was still {@code available} 0 in that
 * answer (J&amp;T started in China in 2020); PDD's ship call takes it today, so the simulator marks it available. Its
 * current name on the list (极兔快递 or 极兔速递) is not confirmed.
 */
final class PddSimLogistics {
    /** One entry: id (logistics_id), code, name, available. */
    record Company(long id, String code, String name, boolean available) {
    }

    private static final Map<Long, Company> COMPANIES = new LinkedHashMap<>();

    static {
        for (Company c : List.of(new Company(1, "STO", "申通快递", true), new Company(2, "SHHT", "上海汇通", false),
                new Company(3, "HT", "百世快递", true), new Company(44, "SF", "顺丰快递", true),
                new Company(85, "YTO", "圆通快递", true), new Company(86, "", "内部员工自提", false),
                new Company(115, "ZTO", "中通快递", true), new Company(116, "QF", "全峰快递", false),
                new Company(117, "YS", "优速快递", true), new Company(118, "EMS", "邮政EMS", true),
                new Company(119, "TT", "天天快递", true), new Company(120, "JD", "京东配送", true),
                new Company(121, "YUNDA", "韵达快递", true), new Company(122, "KJ", "快捷快递", false),
                new Company(124, "GTO", "国通快递", true), new Company(129, "ZJS", "宅急送快递", true),
                new Company(131, "DB", "德邦快递", true), new Company(132, "YZXB", "邮政快递包裹", true),
                new Company(183, "KYE", "跨越速运", true), new Company(192, "EMSKD", "EMS经济快递", false),
                new Company(204, "BSKD", "百世快递", false), new Company(208, "ANNENG", "安能快递", true),
                new Company(230, "DEBANGWULIU", "德邦物流", true), new Company(340, "JDKD", "京东大件物流", true),
                new Company(343, "ZTOKY", "中通快运", true), new Company(344, "YDKY", "韵达快运", true),
                new Company(372, "SFKY", "顺丰快运", true), new Company(384, "JTKD", "极兔快递", true))) {
            COMPANIES.put(c.id(), c);
        }
    }

    private PddSimLogistics() {
    }

    /** The entry with this id, available or not; null when PDD has no such id. */
    static Company byId(long id) {
        return COMPANIES.get(id);
    }

    /** The ship call's check: the id is on the list and available (发货时必须入参支持的快递公司id，否则会报错). */
    static Company shippable(String logisticsId) {
        if (logisticsId == null || !logisticsId.matches("\\d{1,18}")) {
            return null;
        }
        Company c = COMPANIES.get(Long.parseLong(logisticsId));
        return c != null && c.available() ? c : null;
    }

    /** {@code logistics_companies} as PDD renders it: {@code code}, {@code available} 0/1, {@code logistics_company}, {@code id}. */
    static ArrayNode render(ObjectMapper json) {
        ArrayNode list = json.createArrayNode();
        for (Company c : COMPANIES.values()) {
            ObjectNode n = list.addObject();
            n.put("code", c.code());
            n.put("available", c.available() ? 1 : 0);
            n.put("logistics_company", c.name());
            n.put("id", c.id());
        }
        return list;
    }
}
