package org.ordertower.sim.jd;

import java.util.List;
import java.util.Optional;

/**
 * The simulated merchant's logistics companies, as {@code 360buy.delivery.logistics.get} lists them, with JD's real
 * numeric ids. Sources:
 * <ul>
 * <li>a real answer quoted in public code (vender 202210): 圆通快递 463, 邮政EMS 465, 顺丰快递 467, 厂家自送 1274
 * (remark 百世快递), 韵达快递 1327 (remark 韵达物流), 中通速递 1499, 优速快递 1747, 邮政快递包裹 2170 — names, remarks,
 * sequence, agree_flag 协议物流 and is_cod as quoted;</li>
 * <li>a production id table in public code (JD_EXPRESS_MAP): 圆通 463, 中通 1499, 申通 470, 韵达 1327, 顺丰 467, 邮政
 * 2170 — the source of 申通快递 470;</li>
 * <li>京东快递 2087: public ERP code that sends JD's own waybill (etms) for logistics id 2087, and a second public id
 * table; the name JD gives it was not seen in a quoted answer;</li>
 * <li><b>not confirmed</b>: 德邦快递 3046 (one public table only) and 极兔速递 (no public source found; 880001 is
 * this simulator's placeholder, not JD's id);</li>
 * <li>a merchant-defined company is listed with logistics_id -1000 (a JOS sample answer kept in public code); it
 * cannot ship.</li>
 * </ul>
 */
public final class JdSimCarriers {
    /** 厂家自送: the shipment call takes no waybill for it. */
    public static final long SELF_DELIVERY = 1274;

    /**
     * One company of the list.
     *
     * @param id logistics_id (what jingdong.pop.order.shipment takes as logiCoprId)
     * @param name logistics_name
     * @param remark logistics_remark (the merchant's note)
     * @param sequence the merchant's sort order
     * @param confirmed false where JD's id could not be confirmed in a public source
     */
    public record Company(long id, String name, String remark, int sequence, boolean confirmed) {
    }

    public static final List<Company> COMPANIES = List.of(
            new Company(1499, "中通速递", "", 1, true),
            new Company(1747, "优速快递", "", 2, true),
            new Company(463, "圆通快递", "", 3, true),
            new Company(2170, "邮政快递包裹", "", 4, true),
            new Company(470, "申通快递", "", 5, true),
            new Company(465, "邮政EMS", "", 6, true),
            new Company(2087, "京东快递", "", 7, true),
            new Company(467, "顺丰快递", "", 8, true),
            new Company(SELF_DELIVERY, "厂家自送", "百世快递", 9, true),
            new Company(3046, "德邦快递", "", 10, false),
            new Company(1327, "韵达快递", "韵达物流", 11, true),
            new Company(880001, "极兔速递", "", 12, false),
            new Company(-1000, "同城自配送", "商家自定义", 13, true));

    private JdSimCarriers() {
    }

    /** The company with this logistics_id when a shipment may use it (a positive id of the list). */
    public static Optional<Company> shippable(String id) {
        return COMPANIES.stream().filter(c -> c.id > 0 && Long.toString(c.id).equals(id)).findFirst();
    }

    /** The logistics_id of the company of this name, as text (for tests that ship "with 中通"). */
    public static String idOf(String name) {
        return COMPANIES.stream().filter(c -> c.name.equals(name)).map(c -> Long.toString(c.id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no company " + name));
    }
}
