package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
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
 * Property-based: random but valid Doudian shop orders as order.searchList / order.orderDetail return them: 1..8
 * sku_order_list entries (outer codes from a small set or "", item_num 1..999, origin_amount 1..9,999,999 fen, free
 * gifts at 0, a promotion per entry that keeps its pay_amount non-negative), an optional post amount, every
 * order_status and the after_sale_info combinations the simulator sends (none, requested, returning, refused,
 * refunded, closed), presale and live marks, the address-changed tag, encrypted, plain or masked receiver fields
 * present or absent, and receiver, address and note texts with Chinese characters and emoji. Checked for each: it maps
 * without any refusal into an order without problems; order_id, lines and quantities are kept; the lines' paid
 * amounts add up to pay_amount less post_amount; every status maps to a state and a payment status; mapping is
 * deterministic and blind to the order of JSON keys; and the order with one node damaged is mapped or refused as
 * PERMANENT, never another exception.
 */
class DouyinMappingPropertiesTest {
    private static final int TRIES = 250;
    private static final String SHOP = "4463798";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** order_status: 1 待支付, 105 已支付, 2 备货中, 101 部分发货, 3 已发货, 4 已取消, 5 已完成. */
    private static final List<Integer> STATUSES = List.of(1, 105, 2, 101, 3, 4, 5);
    /**
     * after_sale_info {after_sale_status, after_sale_type, refund_status}: none, requested (6/2/1), goods on their way
     * back (11/0/1), refused after the return (29/0/1), refunded (12/2/3), failed (28/2/1).
     */
    private static final List<List<Integer>> AFTER_SALES = List.of(List.of(0, 0, 0), List.of(6, 2, 1),
            List.of(11, 0, 1), List.of(29, 0, 1), List.of(12, 2, 3), List.of(28, 2, 1));
    private static final List<String> CODES = List.of("TEA-LJ-250", "CUP-WHITE", "SOAP-100", "KIT-TEA-CUP", "龙井-礼盒");
    private static final List<String> WORDS = List.of("王", "李*", "浙江省", "杭州市", "西湖区", "文三路", "88号", "3幢",
            "🙂", "🎁", "👨‍👩‍👧", "🏠", "A", "b", "-", " ", "（", "）", "·", "#", "~AgAAAPmZ+/0N~1~~");

    private final DouyinOrderMapper mapper = new DouyinOrderMapper();

    /** afterSale: an index into AFTER_SALES, or null for no after_sale_info; giftType: "", MASTER or FREE. */
    record Sku(String code, long skuId, String name, int itemNum, long originFen, int promotionPercent,
            String giftType, Integer afterSale, int preSaleType, boolean live) {
        long sumFen() {
            return originFen * itemNum;
        }

        long payFen() {
            return sumFen() - sumFen() * promotionPercent / 100;
        }
    }

    record Ids(long orderId, long lineBase, int tradeType, boolean phases, boolean addressChanged) {
    }

    /** payAfter null: pay_time 0 (unpaid); expShipAfter null: exp_ship_time 0. */
    record Times(long created, Long payAfter, long updatedAfter, Long expShipAfter) {
    }

    record Receiver(String encrypted, String plain, String masked, String encryptedTel, String plainTel,
            String maskedTel, String openId) {
    }

    /** An absent post_addr is null; region names may be null too. */
    record Address(String province, String city, String town, String street, String detail, String encryptedDetail) {
    }

    record Order(int status, Ids ids, Times times, List<Sku> skus, Receiver receiver, Address address,
            String buyerWords, String sellerWords, Long postFen) {
        long linesPayFen() {
            return skus.stream().mapToLong(Sku::payFen).sum();
        }

        long post() {
            return postFen == null ? 0 : postFen;
        }

        long payFen() {
            return linesPayFen() + post();
        }
    }

    record Damage(int node, int value) {
    }

    @Provide
    Arbitrary<Order> orders() {
        return Arbitraries.of(STATUSES).flatMap(status -> {
            boolean unpaid = status == 1;
            boolean mayBeUnpaid = status == 4;
            return Combinators.combine(Arbitraries.just(status), ids(), times(unpaid, mayBeUnpaid),
                    sku(unpaid).list().ofMinSize(1).ofMaxSize(8), receiver(), address().injectNull(0.2),
                    human(40).injectNull(0.5), human(40).injectNull(0.6)).flatAs((s, ids, times, skus, r, a, bw, sw) ->
                            Arbitraries.longs().between(0, 5_000).injectNull(0.2)
                                    .map(post -> new Order(s, ids, times, skus, r, a, bw, sw, post)));
        });
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, HostileJson.damageValues().size())).as(Damage::new);
    }

    private static Arbitrary<Ids> ids() {
        return Combinators.combine(Arbitraries.longs().between(1L, 999_999_999_999_999_999L),
                Arbitraries.longs().between(1L, 999_999_999_999_999_990L), Arbitraries.of(0, 1, 2),
                Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Ids::new);
    }

    private static Arbitrary<Times> times(boolean unpaid, boolean mayBeUnpaid) {
        Arbitrary<Long> payAfter = Arbitraries.longs().between(1, 86_400);
        return Combinators.combine(Arbitraries.longs().between(1_577_808_000L, 1_767_225_599L),
                unpaid ? Arbitraries.just((Long) null) : mayBeUnpaid ? payAfter.injectNull(0.5) : payAfter,
                Arbitraries.longs().between(0, 30 * 86_400L), Arbitraries.longs().between(1, 15 * 86_400L)
                        .injectNull(0.3)).as(Times::new);
    }

    private static Arbitrary<Sku> sku(boolean unpaid) {
        Arbitrary<Integer> afterSale = unpaid ? Arbitraries.of(0).injectNull(0.5)
                : Arbitraries.integers().between(0, AFTER_SALES.size() - 1).injectNull(0.2);
        Arbitrary<Sku> sold = Combinators.combine(Arbitraries.of(CODES).injectNull(0.3),
                Arbitraries.longs().between(3_500_000_000_000_000_001L, 3_500_000_000_000_000_999L),
                human(12).injectNull(0.1), Arbitraries.integers().between(1, 999),
                Arbitraries.longs().between(1, 9_999_999), Arbitraries.integers().between(0, 100),
                Arbitraries.of("", "MASTER").injectNull(0.3), afterSale)
                .flatAs((code, id, name, n, price, pct, type, as) -> Combinators.combine(Arbitraries.of(0, 1, 2),
                        Arbitraries.of(true, false)).as((pre, live) -> new Sku(code, id, name, n, price, pct, type,
                                as, pre, live)));
        Arbitrary<Sku> gift = Combinators.combine(Arbitraries.of(CODES).injectNull(0.5),
                Arbitraries.longs().between(3_500_000_000_000_000_001L, 3_500_000_000_000_000_999L),
                human(12).injectNull(0.1), Arbitraries.integers().between(1, 999), afterSale, Arbitraries.of(0, 1, 2),
                Arbitraries.of(true, false)).as((code, id, name, n, as, pre, live) -> new Sku(code, id, name, n, 0, 0,
                        "FREE", as, pre, live));
        return Arbitraries.frequencyOf(Tuple.of(5, sold), Tuple.of(1, gift));
    }

    private static Arbitrary<Receiver> receiver() {
        Arbitrary<String> cipher = Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40)
                .map(s -> "~AgAAA" + s + "~1~~");
        Arbitrary<String> tel = Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(40)
                .map(s -> "$AgAAA" + s + "$1$$");
        Arbitrary<String> maskedTel = Arbitraries.strings().numeric().ofLength(4).map(d -> "138****" + d);
        return Combinators.combine(cipher.injectNull(0.3), human(6).injectNull(0.4), human(3).map(s -> s + "*")
                        .injectNull(0.3), tel.injectNull(0.3), tel.injectNull(0.4), maskedTel.injectNull(0.3),
                Arbitraries.strings().alpha().numeric().ofMinLength(8).ofMaxLength(30).map(s -> "1@#" + s)
                        .injectNull(0.3)).as(Receiver::new);
    }

    private static Arbitrary<Address> address() {
        return Combinators.combine(human(3).injectNull(0.1), human(4).injectNull(0.1), human(4).injectNull(0.2),
                human(6).injectNull(0.3), human(30).injectNull(0.2), Arbitraries.strings().alpha().numeric()
                        .ofMinLength(8).ofMaxLength(40).map(s -> "#AgAAA" + s + "#1##").injectNull(0.3))
                .as(Address::new);
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

    /** Every sku_order_list entry, a free gift (given_product_type FREE) included, is one line; none is dropped. */
    @Property(tries = TRIES)
    void theOrderIdTheSkuOrdersAndTheirQuantitiesAreKept(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        assertEquals(String.valueOf(order.ids().orderId()), o.platformOrderId());
        assertEquals(order.skus().size(), o.lines().size());
        assertEquals(order.skus().stream().mapToInt(Sku::itemNum).sum(),
                o.lines().stream().mapToInt(OrderLine::quantity).sum());
        for (int i = 0; i < order.skus().size(); i++) {
            Sku sku = order.skus().get(i);
            OrderLine line = o.lines().get(i);
            assertEquals(String.valueOf(order.ids().lineBase() + i), line.lineNo());
            assertEquals(sku.itemNum(), line.quantity());
            assertEquals("FREE".equals(sku.giftType()), line.gift());
        }
    }

    /**
     * A line's paid amount is its sku order's pay_amount, after its promotions (the generator, like the simulator,
     * sends a sku post_amount of 0); the shop order's pay_amount also holds post_amount, so the lines add up to
     * pay_amount - post_amount, fen turned into yuan.
     */
    @Property(tries = TRIES)
    void theLinesPaidAmountsAddUpToThePayAmountLessThePostAmount(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        BigDecimal lines = o.lines().stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertSameAmount(yuan(order.payFen()), o.amounts().paid(), "amounts.paid");
        assertSameAmount(yuan(order.post()), o.amounts().shipping(), "amounts.shipping");
        assertSameAmount(yuan(order.payFen() - order.post()), lines, "the sum of the lines' paid amounts");
    }

    @Property(tries = TRIES)
    void everyOrderStatusMapsToAStateAndAPaymentStatus(@ForAll("orders") Order order) {
        NormalizedOrder o = map(payload(order));
        assertEquals(String.valueOf(order.status()), o.platformStatus());
        assertNotNull(o.paymentStatus(), "paymentStatus");
        assertNotNull(o.facts().state(), "facts.state");
        Statistics.label("order_status").collect(order.status());
        Statistics.label("order_status").coverage(c -> STATUSES.forEach(s -> c.check(s).count(n -> n > 0)));
        order.skus().forEach(s -> Statistics.label("after_sale").collect(s.afterSale()));
        Statistics.label("after_sale").coverage(c -> {
            for (int i = 0; i < AFTER_SALES.size(); i++) {
                c.check(i).count(n -> n > 0);
            }
        });
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

    /** The shop order as Doudian writes it: amounts in fen and times in Unix seconds as JSON integers. */
    static String payload(Order order) {
        ObjectNode n = JSON.createObjectNode();
        Times t = order.times();
        n.put("shop_id", Long.parseLong(SHOP));
        n.put("order_id", String.valueOf(order.ids().orderId()));
        n.put("order_level", 2);
        n.put("trade_type", order.ids().tradeType());
        n.put("order_status", order.status());
        n.put("main_status", order.status());
        long paid = t.created() + (t.payAfter() == null ? 0 : t.payAfter());
        long updated = paid + t.updatedAfter();
        n.put("pay_time", t.payAfter() == null ? 0 : paid);
        n.put("create_time", t.created());
        n.put("update_time", updated);
        n.put("exp_ship_time", t.expShipAfter() == null ? 0 : paid + t.expShipAfter());
        n.put("buyer_words", order.buyerWords() == null ? "" : order.buyerWords());
        n.put("seller_words", order.sellerWords() == null ? "" : order.sellerWords());
        long promotion = order.skus().stream().mapToLong(s -> s.sumFen() - s.payFen()).sum();
        n.put("order_amount", order.payFen() + promotion);
        n.put("pay_amount", order.payFen());
        if (order.postFen() != null) {
            n.put("post_amount", order.postFen());
        }
        n.put("promotion_amount", promotion);
        n.put("promotion_shop_amount", promotion);
        Receiver r = order.receiver();
        putIfPresent(n, "encrypt_post_receiver", r.encrypted());
        putIfPresent(n, "post_receiver", r.plain() != null ? r.plain() : r.encrypted());
        putIfPresent(n, "mask_post_receiver", r.masked());
        putIfPresent(n, "encrypt_post_tel", r.encryptedTel());
        putIfPresent(n, "post_tel", r.plainTel());
        putIfPresent(n, "mask_post_tel", r.maskedTel());
        putIfPresent(n, "doudian_open_id", r.openId());
        if (order.address() != null) {
            Address a = order.address();
            ObjectNode addr = n.putObject("post_addr");
            region(addr, "province", a.province(), 33);
            region(addr, "city", a.city(), 330100);
            region(addr, "town", a.town(), 330106);
            region(addr, "street", a.street(), 330106001);
            putIfPresent(addr, "detail", a.detail());
            putIfPresent(addr, "encrypt_detail", a.encryptedDetail());
        }
        ArrayNode phases = n.putArray("order_phase_list");
        if (order.ids().phases()) {
            phases.addObject().put("phase_order_id", "P" + order.ids().orderId()).put("phase", 1);
        }
        ArrayNode tags = n.putArray("shop_order_tag_ui");
        if (order.ids().addressChanged()) {
            tags.addObject().put("key", DouyinOrderMapper.TAG_ADDRESS_CHANGED).put("text", "改地址").put("help_doc", "");
        }
        ArrayNode skus = n.putArray("sku_order_list");
        for (int i = 0; i < order.skus().size(); i++) {
            sku(skus.addObject(), order, i, t.payAfter() == null ? 0 : paid, updated);
        }
        return n.toString();
    }

    private static void sku(ObjectNode s, Order order, int i, long paid, long updated) {
        Sku sku = order.skus().get(i);
        s.put("order_id", String.valueOf(order.ids().lineBase() + i));
        s.put("parent_order_id", String.valueOf(order.ids().orderId()));
        s.put("order_level", 3);
        s.put("order_status", order.status());
        s.put("create_time", order.times().created());
        s.put("update_time", updated);
        s.put("pay_time", paid);
        s.put("sku_id", sku.skuId());
        s.put("code", sku.code() == null ? "" : sku.code());
        putIfPresent(s, "product_name", sku.name());
        s.put("item_num", sku.itemNum());
        s.put("origin_amount", sku.originFen());
        s.put("sum_amount", sku.sumFen());
        s.put("pay_amount", sku.payFen());
        s.put("promotion_amount", sku.sumFen() - sku.payFen());
        s.put("post_amount", 0);
        s.put("pre_sale_type", sku.preSaleType());
        long room = sku.live() ? 7_000_000_000L + order.ids().orderId() % 1000 : 0;
        s.put("room_id", room);
        s.put("room_id_str", room == 0 ? "" : String.valueOf(room));
        s.put("ad_env_type", sku.live() ? "live" : "");
        putIfPresent(s, "given_product_type", sku.giftType());
        if (sku.afterSale() != null) {
            List<Integer> a = AFTER_SALES.get(sku.afterSale());
            s.putObject("after_sale_info").put("after_sale_status", a.get(0)).put("after_sale_type", a.get(1))
                    .put("refund_status", a.get(2));
        }
    }

    private static void region(ObjectNode addr, String field, String name, long id) {
        if (name != null) {
            addr.putObject(field).put("name", name).put("id", String.valueOf(id));
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
