package org.ordertower.sim.kit;

import java.math.BigDecimal;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Realistic Chinese buyer data for simulators: names, mobile numbers, addresses with real provinces,
 * cities and districts, and the listings a shop sells. Deterministic for a given random.
 */
public final class FakeData {
    private static final String[] SURNAMES = { "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
            "胡", "郭", "何", "林", "罗", "高" };
    private static final String[] GIVEN = { "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
            "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "晨", "子涵", "浩然", "雨萱", "一诺" };
    private static final String[] MOBILE_PREFIXES = { "130", "131", "132", "135", "136", "137", "138", "139", "150", "151",
            "152", "157", "158", "159", "166", "176", "177", "180", "186", "187", "188", "189", "199" };
    /** Province, city, district, street, postcode. */
    private static final String[][] PLACES = {
            { "浙江省", "杭州市", "西湖区", "文三路", "310012" }, { "浙江省", "宁波市", "鄞州区", "天童南路", "315100" },
            { "江苏省", "南京市", "玄武区", "中山路", "210018" }, { "江苏省", "苏州市", "工业园区", "星湖街", "215021" },
            { "上海", "上海市", "浦东新区", "张江路", "201203" }, { "上海", "上海市", "徐汇区", "漕溪北路", "200030" },
            { "北京", "北京市", "朝阳区", "建国路", "100022" }, { "北京", "北京市", "海淀区", "中关村大街", "100080" },
            { "广东省", "广州市", "天河区", "天河路", "510620" }, { "广东省", "深圳市", "南山区", "科技园南路", "518057" },
            { "四川省", "成都市", "武侯区", "人民南路", "610041" }, { "湖北省", "武汉市", "洪山区", "珞喻路", "430074" },
            { "陕西省", "西安市", "雁塔区", "长安南路", "710061" }, { "山东省", "青岛市", "市南区", "香港中路", "266071" },
            { "福建省", "厦门市", "思明区", "湖滨南路", "361004" }, { "新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放北路", "830002" } };

    private FakeData() {
    }

    public static String name(SplittableRandom r) {
        return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)];
    }

    /** An 11-digit mainland mobile number. */
    public static String mobile(SplittableRandom r) {
        return MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)] + String.format("%08d", r.nextInt(100_000_000));
    }

    /** {province, city, district, street, detail, postcode}. */
    public static String[] address(SplittableRandom r) {
        String[] p = PLACES[r.nextInt(PLACES.length)];
        String detail = (1 + r.nextInt(899)) + "号" + (1 + r.nextInt(30)) + "幢" + (101 + r.nextInt(2400)) + "室";
        return new String[] { p[0], p[1], p[2], p[3], detail, p[4] };
    }

    /**
     * One listing a simulated shop sells.
     *
     * @param itemId the platform's item id
     * @param skuId the platform's SKU id
     * @param outerId the merchant's outer code, which OrderTower's catalog maps
     * @param title the title buyers see
     * @param price the list price
     * @param gift true for a listing given away as a gift
     */
    public record Listing(String itemId, String skuId, String outerId, String title, BigDecimal price, boolean gift) {
    }

    /**
     * The default listings of a simulated shop: everyday goods, one kit (outer code {@code KIT-*}) and
     * one gift. Ids are derived from {@code base} so each platform's ids look like its own.
     */
    public static List<Listing> listings(long base) {
        return List.of(new Listing(String.valueOf(base + 1), String.valueOf(base + 101), "CUP-WHITE", "陶瓷马克杯 白色 350ml",
                new BigDecimal("39.00"), false),
                new Listing(String.valueOf(base + 1), String.valueOf(base + 102), "CUP-BLUE", "陶瓷马克杯 蓝色 350ml",
                        new BigDecimal("39.00"), false),
                new Listing(String.valueOf(base + 2), String.valueOf(base + 201), "TEA-LJ-250", "西湖龙井 250g 礼盒",
                        new BigDecimal("268.00"), false),
                new Listing(String.valueOf(base + 3), String.valueOf(base + 301), "TOWEL-3", "纯棉毛巾 三条装",
                        new BigDecimal("59.90"), false),
                new Listing(String.valueOf(base + 4), String.valueOf(base + 401), "KIT-TEA-CUP", "龙井茶杯礼盒套装",
                        new BigDecimal("299.00"), false),
                new Listing(String.valueOf(base + 5), String.valueOf(base + 501), "SOAP-100", "手工皂 100g",
                        new BigDecimal("25.00"), false),
                new Listing(String.valueOf(base + 9), String.valueOf(base + 901), "GIFT-BAG", "环保购物袋（赠品）",
                        BigDecimal.ZERO.setScale(2), true));
    }
}
