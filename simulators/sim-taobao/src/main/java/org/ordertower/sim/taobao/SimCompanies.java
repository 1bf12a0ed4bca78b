package org.ordertower.sim.taobao;

import java.util.List;
import java.util.Optional;

/**
 * The logistics companies the simulator lists in {@code taobao.logistics.companies.get} and accepts as
 * {@code company_code} in {@code taobao.logistics.offline.send}: TOP's own codes, ids and names.
 *
 * <p>Sources. SF 505 顺丰速运, STO 100 申通快递, EMS 2 EMS, YUNDA 102 韵达快递, ZTO 500 中通快递, HTKY 502 百世快递, YTO 101
 * 圆通速递, ZJS 103 宅急送, TTKDEX 504 天天快递, EYB 3 EMS经济快递, UC 1207 优速快递, DBKD 5000000110730 德邦快递, DBL 107 德邦物流,
 * POSTB 200734 邮政快递包裹, with their {@code reg_mail_no} rules: a {@code logistics_companies_get_response} (fields
 * id,code,name,reg_mail_no) kept as test data in a public front-end utility collection ("companyTestMap"); the codes
 * and names (older spellings such as 中通速递) also match a 2012 response quoted in a public PHP client sample.
 * <b>Not confirmed</b>: 京东快递 {@code LE04284890} is the Cainiao cp_code of 京东快递 in a public ERP's Cainiao code
 * table (with 京东快运 LE38288910); that offline.send takes it as company_code is assumed, and its id here is made up.
 * 极兔速递 {@code JTSD}: no Taobao source was found (Taobao lists 百世快递 HTKY, the network J&amp;T took over); code and id
 * are assumptions to check against a real companies.get answer. The {@code reg_mail_no} values are shortened
 * excerpts of TOP's rules (the simulator does not check waybill numbers against them).
 */
final class SimCompanies {
    /** One {@code LogisticsCompany} of TOP. */
    record Company(long id, String code, String name, String regMailNo) {
    }

    static final List<Company> ALL = List.of(
            new Company(505, "SF", "顺丰速运", "^[A-Za-z0-9-]{4,35}$"),
            new Company(500, "ZTO", "中通快递", "^((5711|2008|2009|2010|2013)[0-9]{8})$|^(7[0-9]{11})$|^(2[1-9][0-9]{10})$"),
            new Company(101, "YTO", "圆通速递", "^[A-Za-z0-9]{2}[0-9]{10}$|^[A-Za-z0-9]{2}[0-9]{8}$|^[6-9][0-9]{17}$|^[Y][0-9]{12}$"),
            new Company(100, "STO", "申通快递", "^(268|888|588|688|368|468|568|668|768|868|968)[0-9]{9}$|^(STO)[0-9]{10}$|^(77)[0-9]{11}$"),
            new Company(102, "YUNDA", "韵达快递", "^[0-9]{13}$"),
            new Company(2, "EMS", "EMS", "^[A-Z]{2}[0-9]{9}[A-Z]{2}$|^(10|11)[0-9]{11}$|^(50|51)[0-9]{11}$|^(95|97)[0-9]{11}$"),
            new Company(3, "EYB", "EMS经济快递", "^[A-Z]{2}[0-9]{9}[A-Z]{2}$|^(10|11)[0-9]{11}$|^(50|51)[0-9]{11}$"),
            new Company(200734, "POSTB", "邮政快递包裹", "^[99]{2}[0-9]{11}$|^[96]{2}[0-9]{11}$|^[98]{2}[0-9]{11}$"),
            new Company(502, "HTKY", "百世快递", "^((A|B|D|E)[0-9]{12})$|^(BXA[0-9]{10})$|^7[0-9]{13}$"),
            new Company(103, "ZJS", "宅急送", "^[a-zA-Z0-9]{10}$|^(42|16)[0-9]{8}$|^A[0-9]{12}"),
            new Company(504, "TTKDEX", "天天快递", "(66|77|88|(5(5|6|8)))\\d{10}"),
            new Company(1207, "UC", "优速快递", "^VIP[0-9]{9}|V[0-9]{11}|[0-9]{12}$"),
            new Company(5000000110730L, "DBKD", "德邦快递", "^[0-9]{8,10}$|^\\d{15,}[-\\d]+$"),
            new Company(107, "DBL", "德邦物流", "^[0-9]{8,10}$|^\\d{15,}[-\\d]+$"),
            // assumed, see the class comment: the ids are this simulator's
            new Company(5000000900001L, "LE04284890", "京东快递", "^JD[0-9A-Z]{11,20}$"),
            new Company(5000000900002L, "JTSD", "极兔速递", "^JT[0-9]{13}$"));

    private SimCompanies() {
    }

    /** The company whose code is {@code code} (exactly: TOP's codes are upper case). */
    static Optional<Company> byCode(String code) {
        return ALL.stream().filter(c -> c.code().equals(code)).findFirst();
    }
}
