package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.testing.hostile.HostileJson;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Property-based: random but valid PDD orders as pdd.order.number.list.increment.get / pdd.order.information.get
 * return them: 1..6 item_list entries (SKU ids and outer codes from small sets, so a SKU may come twice),
 * goods_count 1..999, goods_price 0.01..99999.99 yuan, 0..2 gift_list entries, an order discount of 0 up to the goods
 * amount, an optional postage, every order_status, refund_status, confirm_status and group_status, after-sales
 * statuses, presale and deposit marks, amounts as JSON decimals the way PDD writes them (188.0), sku_id as text or
 * number, and receiver and memo texts with Chinese characters and emoji. Checked for each: it maps without any refusal
 * into an order without problems; order_sn, lines and quantities are kept; the lines' paid amounts add up to
 * pay_amount less postage; every status maps to a state and a payment status; mapping is deterministic and blind to
 * the order of JSON keys; and the order with one node damaged is mapped or refused as PERMANENT, never another
 * exception.
 */
class PddMappingPropertiesTest {
    private static final int TRIES = 250;
    private static final String SHOP = "mall-prop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter PDD_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter SN_DATE = DateTimeFormatter.ofPattern("yyMMdd");
    /** order_status 1 待发货, 2 已发货待签收, 3 已签收. */
    private static final List<Integer> ORDER_STATUSES = List.of(1, 2, 3);
    /** refund_status 1 无售后或售后关闭, 2 售后处理中, 3 退款中, 4 退款成功; absent means 1. */
    private static final List<Integer> REFUND_STATUSES = List.of(1, 2, 3, 4);
    /** after_sales_status, a few of PDD's: 0 none, 2..9 in progress or refused, 10 退款成功, 11..12 closed. */
    private static final List<Integer> AFTER_SALES_STATUSES = List.of(0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    private static final List<String> SKU_IDS = List.of("840777314605", "840777314701", "840777319901",
            "840777315502");
    private static final List<String> OUTER_IDS = List.of("TEA-LJ-250", "CUP-WHITE", "SOAP-100", "GIFT-BAG", "龙井-礼盒");
    private static final List<String> WORDS = List.of("王", "林*坤", "广东省", "潮州市", "潮安区", "王厝宫路", "88号",
            "3幢", "🙂", "🎁", "👨‍👩‍👧", "🏠", "A", "b", "-", " ", "（", "）", "·", "#", "~AgAAAAKj5K0F~0~~");

    private final PddOrderMapper mapper = new PddOrderMapper();

    record Item(String skuId, boolean skuIdAsNumber, String outerId, String name, String spec, int count,
            long priceFen) {
        long grossFen() {
            return priceFen * count;
        }
    }

    /** refundStatus, afterSales, confirm, group, stepTradeStatus: null when the field is absent. */
    record Statuses(int order, Integer refund, Integer afterSales, Integer confirm, Integer group, int tradeType,
            int isPreSale, Integer stepTradeStatus) {
    }

    /** payAfter null: pay_time ""; lastShipAfter null: no last_ship_time. */
    record Times(long created, Long payAfter, long updatedAfter, Long lastShipAfter) {
    }

    record Receiver(String name, String phone, String address, String country, String province, String city,
            String town) {
    }

    /** discountPercent: the order's discount as a share of goods_amount; postFen null: no postage field. */
    record Order(long snDigits, Statuses statuses, Times times, List<Item> items, List<Item> gifts,
            int discountPercent, Long postFen, Receiver receiver, String memo, String remark) {
        long goodsFen() {
            return items.stream().mapToLong(Item::grossFen).sum();
        }

        long discountFen() {
            return goodsFen() * discountPercent / 100;
        }

        long post() {
            return postFen == null ? 0 : postFen;
        }

        long payFen() {
            return goodsFen() - discountFen() + post();
        }

        String orderSn() {
            return LocalDateTime.ofEpochSecond(times.created(), 0, BEIJING).format(SN_DATE) + "-" + snDigits;
        }
    }

    record Damage(int node, int value) {
    }

    @Provide
    Arbitrary<Order> orders() {
        return Combinators.combine(Arbitraries.longs().between(100_000_000_000_000L, 999_999_999_999_999L),
                statuses(), times(), item(1).list().ofMinSize(1).ofMaxSize(6), gift().list().ofMaxSize(2),
                Arbitraries.integers().between(0, 100), Arbitraries.longs().between(0, 5_000).injectNull(0.2),
                receiver()).flatAs((sn, st, t, items, gifts, pct, post, r) -> Combinators.combine(
                        human(40).injectNull(0.5), human(40).injectNull(0.6))
                        .as((memo, remark) -> new Order(sn, st, t, items, gifts, pct, post, r, memo, remark)));
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, HostileJson.damageValues().size())).as(Damage::new);
    }

    private static Arbitrary<Statuses> statuses() {
        return Combinators.combine(Arbitraries.of(ORDER_STATUSES), Arbitraries.of(REFUND_STATUSES).injectNull(0.1),
                Arbitraries.of(AFTER_SALES_STATUSES).injectNull(0.2), Arbitraries.of(0, 1, 2).injectNull(0.1),
                Arbitraries.of(0, 1, 2).injectNull(0.2), Arbitraries.of(0, 1), Arbitraries.of(0, 1),
                Arbitraries.of(1, 2).injectNull(0.7)).as(Statuses::new);
    }

    private static Arbitrary<Times> times() {
        return Combinators.combine(Arbitraries.longs().between(1_577_808_000L, 1_767_225_599L),
                Arbitraries.longs().between(0, 86_400).injectNull(0.15), Arbitraries.longs().between(0, 30 * 86_400L),
                Arbitraries.longs().between(1, 3 * 86_400L).injectNull(0.3)).as(Times::new);
    }

    private static Arbitrary<Item> item(long minPriceFen) {
        return Combinators.combine(Arbitraries.of(SKU_IDS), Arbitraries.of(true, false),
                Arbitraries.of(OUTER_IDS).injectNull(0.3), human(12), human(4).injectNull(0.4),
                Arbitraries.integers().between(1, 999), Arbitraries.longs().between(minPriceFen, 9_999_999))
                .as(Item::new);
    }

    /** A gift_list entry: PDD sends its price, which nobody pays. */
    private static Arbitrary<Item> gift() {
        return Arbitraries.frequencyOf(Tuple.of(3, item(0).map(i -> new Item(i.skuId(), i.skuIdAsNumber(),
                i.outerId(), i.name(), i.spec(), i.count(), 0))), Tuple.of(1, item(0)));
    }

    private static Arbitrary<Receiver> receiver() {
        Arbitrary<String> cipher = Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(60)
                .map(s -> "~AgAAAAKj" + s + "~0~~");
        return Combinators.combine(Arbitraries.oneOf(cipher, human(6)).injectNull(0.2),
                Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40).map(s -> "$Y/" + s + "$0$$")
                        .injectNull(0.2), Arbitraries.oneOf(cipher, human(30)).injectNull(0.2),
                Arbitraries.of("中国", "").injectNull(0.3), human(3).injectNull(0.1), human(4).injectNull(0.1),
                human(4).injectNull(0.2)).as(Receiver::new);
    }

    /** Texts as buyers type them: Chinese characters, emoji (surrogate pairs, ZWJ sequences), ASCII, punctuation. */
    private static Arbitrary<String> human(int maxParts) {
        Arbitrary<String> cjk = Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf);
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString);
        return Arbitraries.frequencyOf(Tuple.of(4, cjk), Tuple.of(2, emoji), Tuple.of(3, Arbitraries.of(WORDS)))
                .list().ofMinSize(1).ofMaxSize(maxParts).map(parts -> String.join("", parts));
    }

    @Property(tries = TRIES)
    void aValidOrderIsMappedWithoutRefusalIntoAnOrderWithoutProblems(@ForAll("orders") Order order) {
        String payload = payload(order);
        NormalizedOrder o;
        try {
            o = mapper.map(SHOP, payload);
        } catch (ChannelException e) {
            throw new AssertionError("a valid order was refused (" + e.kind() + "): " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new AssertionError("mapping threw " + e + " instead of mapping or refusing as PERMANENT", e);
        }
        assertEquals(List.of(), o.problems());
    }

    /**
     * Every item_list entry is one line, in order, and every gift_list entry one more line after them (gift, paid
     * 0.00); two entries of one SKU stay two lines.
     */
    @Property(tries = TRIES)
    void theOrderSnTheItemsGiftsAndTheirQuantitiesAreKept(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        assertEquals(order.orderSn(), o.platformOrderId());
        assertEquals(order.items().size() + order.gifts().size(), o.lines().size());
        assertEquals(order.items().stream().mapToInt(Item::count).sum() + order.gifts().stream()
                .mapToInt(Item::count).sum(), o.lines().stream().mapToInt(OrderLine::quantity).sum());
        for (int i = 0; i < o.lines().size(); i++) {
            boolean gift = i >= order.items().size();
            Item item = gift ? order.gifts().get(i - order.items().size()) : order.items().get(i);
            assertEquals(item.count(), o.lines().get(i).quantity());
            assertEquals(gift, o.lines().get(i).gift());
        }
    }

    /**
     * PDD gives no per-line paid amount: the mapper shares pay_amount - postage over the item lines by value (gifts
     * get 0.00), so the lines add up to pay_amount - postage.
     */
    @Property(tries = TRIES)
    void theLinesPaidAmountsAddUpToThePayAmountLessThePostage(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        BigDecimal lines = o.lines().stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertSameAmount(yuan(order.payFen()), o.amounts().paid(), "amounts.paid");
        assertSameAmount(yuan(order.post()), o.amounts().shipping(), "amounts.shipping");
        assertSameAmount(yuan(order.payFen() - order.post()), lines, "the sum of the lines' paid amounts");
        o.lines().forEach(l -> assertTrue(l.paidAmount().signum() >= 0, "a paid amount is negative: " + l));
    }

    @Property(tries = TRIES)
    void everyStatusMapsToAStateAndAPaymentStatus(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        assertEquals(String.valueOf(order.statuses().order()), o.platformStatus());
        assertNotNull(o.paymentStatus(), "paymentStatus");
        assertNotNull(o.facts().state(), "facts.state");
        Statistics.label("order_status").collect(order.statuses().order());
        Statistics.label("order_status").coverage(c -> ORDER_STATUSES.forEach(s -> c.check(s).count(n -> n > 0)));
        Statistics.label("refund_status").collect(order.statuses().refund());
        Statistics.label("refund_status").coverage(c -> REFUND_STATUSES.forEach(s -> c.check(s).count(n -> n > 0)));
    }

    @Property(tries = TRIES)
    void mappingTheSamePayloadTwiceGivesEqualOrders(@ForAll("orders") Order order) {
        String payload = payload(order);
        assertEquals(map(payload), map(payload));
    }

    @Property(tries = TRIES)
    void reorderingTheJsonKeysGivesAnEqualOrder(@ForAll("orders") Order order, @ForAll long seed) throws Exception {
        String payload = payload(order);
        String reordered = JSON.writeValueAsString(HostileJson.shuffled(JSON.readTree(payload), new Random(seed)));
        assertEquals(map(payload), map(reordered));
    }

    @Property(tries = TRIES)
    void aDamagedOrderIsMappedOrRefusedAsPermanent(@ForAll("orders") Order order, @ForAll("damage") Damage d)
            throws Exception {
        String payload = HostileJson.damaged(JSON.readTree(payload(order)), d.node(), d.value());
        try {
            NormalizedOrder o = mapper.map(SHOP, payload);
            assertEquals(List.of(), o.problems());
        } catch (ChannelException e) {
            assertEquals(ChannelException.Kind.PERMANENT, e.kind(), e.getMessage());
            assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a refusal names its reason");
        } catch (Throwable e) {
            fail("mapping threw " + e + " instead of mapping or refusing as PERMANENT; payload: " + payload, e);
        }
    }

    private NormalizedOrder map(String payload) {
        try {
            return mapper.map(SHOP, payload);
        } catch (ChannelException e) {
            throw new AssertionError("a valid order was refused (" + e.kind() + "): " + e.getMessage(), e);
        }
    }

    private static void assertSameAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertTrue(expected.compareTo(actual) == 0, what + ": expected " + expected.toPlainString() + " but was "
                + (actual == null ? null : actual.toPlainString()));
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    /** Yuan as PDD writes it: a JSON decimal with at least one fraction digit (188.0, 39.5, 0.01). */
    private static BigDecimal pddYuan(long fen) {
        BigDecimal v = yuan(fen).stripTrailingZeros();
        return v.scale() < 1 ? v.setScale(1) : v;
    }

    private static String time(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, BEIJING).format(PDD_TIME);
    }

    /** The order as PDD writes it: amounts as JSON decimals in yuan, times Beijing, receiver data as ciphertext. */
    static String payload(Order order) {
        ObjectNode n = JSON.createObjectNode();
        Statuses s = order.statuses();
        Times t = order.times();
        n.put("order_sn", order.orderSn());
        n.put("order_status", s.order());
        putIfPresent(n, "refund_status", s.refund());
        putIfPresent(n, "after_sales_status", s.afterSales());
        putIfPresent(n, "confirm_status", s.confirm());
        putIfPresent(n, "group_status", s.group());
        n.put("trade_type", s.tradeType());
        n.put("is_pre_sale", s.isPreSale());
        if (s.stepTradeStatus() != null) {
            n.putObject("step_order_info").put("step_trade_status", s.stepTradeStatus());
        }
        long paid = t.created() + (t.payAfter() == null ? 0 : t.payAfter());
        n.put("created_time", time(t.created()));
        n.put("pay_time", t.payAfter() == null ? "" : time(paid));
        n.put("updated_at", time(paid + t.updatedAfter()));
        n.put("last_ship_time", t.lastShipAfter() == null ? "" : time(paid + t.lastShipAfter()));
        n.put("goods_amount", pddYuan(order.goodsFen()));
        n.put("discount_amount", pddYuan(order.discountFen()));
        n.put("seller_discount", pddYuan(order.discountFen() / 2));
        n.put("platform_discount", pddYuan(order.discountFen() - order.discountFen() / 2));
        if (order.postFen() != null) {
            n.put("postage", pddYuan(order.postFen()));
        }
        n.put("pay_amount", pddYuan(order.payFen()));
        Receiver r = order.receiver();
        putIfPresent(n, "country", r.country());
        putIfPresent(n, "province", r.province());
        putIfPresent(n, "city", r.city());
        putIfPresent(n, "town", r.town());
        putIfPresent(n, "receiver_name", r.name());
        putIfPresent(n, "receiver_phone", r.phone());
        putIfPresent(n, "receiver_address", r.address());
        n.put("buyer_memo", order.memo() == null ? "" : order.memo());
        n.put("remark", order.remark() == null ? "" : order.remark());
        n.put("tracking_number", "");
        ArrayNode items = n.putArray("item_list");
        order.items().forEach(i -> item(items.addObject(), i));
        ArrayNode gifts = n.putArray("gift_list");
        order.gifts().forEach(i -> item(gifts.addObject(), i));
        return n.toString();
    }

    private static void item(ObjectNode e, Item i) {
        e.put("goods_count", i.count());
        e.put("goods_id", "39561832" + i.skuId().substring(i.skuId().length() - 2));
        e.put("goods_name", i.name());
        e.put("goods_price", pddYuan(i.priceFen()));
        e.put("goods_spec", i.spec() == null ? "" : i.spec());
        e.put("outer_goods_id", "");
        e.put("outer_id", i.outerId() == null ? "" : i.outerId());
        if (i.skuIdAsNumber()) {
            e.put("sku_id", Long.parseLong(i.skuId()));
        } else {
            e.put("sku_id", i.skuId());
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }

    private static void putIfPresent(ObjectNode n, String field, Integer value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
