package org.ordertower.channel.taobao.internal;

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
import java.util.Set;

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
 * Property-based: random but valid TOP trades, as {@code taobao.trade.fullinfo.get} or the increment pull returns them
 * (bare, under {@code trade} or under {@code trade_fullinfo_get_response}): 1..8 sub-orders with SKU codes from a small
 * set (outer_sku_id, outer_iid, sku_id, num_iid, each optional but num_iid), num 1..999, price 0.01..99999.99 yuan,
 * free gifts at 0.00, a shared discount per sub-order that keeps divide_order_fee non-negative, an optional post fee,
 * every trade status and every sub-order refund status the mapper knows, presale marks, tid/oid as numbers, strings or
 * both, and receiver, buyer and note texts with Chinese characters and emoji. Checked for each: it maps without any
 * refusal into an order without problems; tid, sub-orders and quantities are kept; the lines' paid amounts add up to
 * the trade's payment less its post fee; every status maps to a state and a payment status; mapping is deterministic
 * and blind to the order of JSON keys; and the trade with one node damaged is mapped or refused as PERMANENT, never
 * another exception.
 */
class TaobaoMappingPropertiesTest {
    private static final int TRIES = 250;
    private static final String SHOP = "shop-prop";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset GMT8 = ZoneOffset.ofHours(8);
    /** Trade.status ("交易状态"), as the mapper documents it. */
    private static final List<String> STATUSES = List.of("TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING",
            "WAIT_PRE_AUTH_CONFIRM", "PAID_FORBID_CONSIGN", "WAIT_SELLER_SEND_GOODS", "SELLER_CONSIGNED_PART",
            "WAIT_BUYER_CONFIRM_GOODS", "TRADE_BUYER_SIGNED", "TRADE_FINISHED", "TRADE_CLOSED",
            "TRADE_CLOSED_BY_TAOBAO");
    private static final Set<String> UNPAID = Set.of("TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING",
            "WAIT_PRE_AUTH_CONFIRM", "TRADE_CLOSED_BY_TAOBAO");
    /** Order.refund_status ("退款状态"). */
    private static final List<String> REFUND_STATUSES = List.of("NO_REFUND", "WAIT_SELLER_AGREE",
            "WAIT_BUYER_RETURN_GOODS", "WAIT_SELLER_CONFIRM_GOODS", "SELLER_REFUSE_BUYER", "CLOSED", "SUCCESS");
    private static final List<String> STEP_STATUSES = List.of("FRONT_NOPAID_FINAL_NOPAID", "FRONT_PAID_FINAL_NOPAID",
            "FRONT_PAID_FINAL_PAID");
    private static final List<String> OUTER_SKU_IDS = List.of("TEA-LJ-250", "CUP-WHITE", "SOAP-100", "KIT-TEA-CUP",
            "龙井-礼盒");
    private static final List<String> OUTER_IIDS = List.of("TEA", "CUP", "SOAP");
    private static final List<String> WORDS = List.of("王", "李*", "浙江省", "杭州市", "西湖区", "文三路", "88号", "3幢",
            "🙂", "🎁", "👨‍👩‍👧", "🏠", "A", "b", "-", " ", "（", "）", "·", "#");

    private final TaobaoOrderMapper mapper = new TaobaoOrderMapper();

    record SubOrder(Sku sku, int num, long priceFen, int discountPercent, boolean gift, String refundStatus,
            String refundId, int oidForm, String title, boolean addressModified) {
        long grossFen() {
            return priceFen * num;
        }

        long paidFen() {
            return grossFen() - grossFen() * discountPercent / 100;
        }
    }

    record Sku(String outerSkuId, String outerIid, String skuId, long numIid) {
    }

    /** envelope 0: the bare trade, 1: under "trade", 2: under trade_fullinfo_get_response.trade. */
    record Ids(long tid, int tidForm, long oidBase, int envelope) {
    }

    record Presale(String type, String stepTradeStatus, boolean newPresell) {
    }

    /** deliveryForm 0: no delivery_time, 1: a date, 2: a time. */
    record Times(long created, Long payAfter, long modifiedAfter, int deliveryForm) {
    }

    record Receiver(String nick, String openUid, String name, String mobile, String phone) {
    }

    record Place(String country, String state, String city, String district, String town, String address, String zip) {
    }

    record Extras(String buyerMessage, String sellerMemo, String oaid, String lm, Long postFen) {
    }

    record Trade(String status, Ids ids, Presale presale, Times times, List<SubOrder> orders, Receiver receiver,
            Place place, Extras extras) {
        long goodsPaidFen() {
            return orders.stream().mapToLong(SubOrder::paidFen).sum();
        }

        long postFen() {
            return extras.postFen() == null ? 0 : extras.postFen();
        }

        long paymentFen() {
            return goodsPaidFen() + postFen();
        }
    }

    record Damage(int node, int value) {
    }

    @Provide
    Arbitrary<Trade> trades() {
        return Arbitraries.of(STATUSES).flatMap(status -> {
            boolean paid = !UNPAID.contains(status);
            return Combinators.combine(Arbitraries.just(status), ids(), presale(), times(paid),
                    subOrder(paid).list().ofMinSize(1).ofMaxSize(8), receiver(), place(), extras()).as(Trade::new);
        });
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000),
                Arbitraries.integers().between(0, HostileJson.damageValues().size())).as(Damage::new);
    }

    private static Arbitrary<Ids> ids() {
        return Combinators.combine(Arbitraries.longs().between(1L, 999_999_999_999_999_999L),
                Arbitraries.integers().between(0, 2), Arbitraries.longs().between(1L, 999_999_999_999_999_990L),
                Arbitraries.integers().between(0, 2)).as(Ids::new);
    }

    private static Arbitrary<Presale> presale() {
        Arbitrary<Presale> step = Combinators.combine(Arbitraries.of(STEP_STATUSES).injectNull(0.2),
                Arbitraries.of(true, false)).as((s, n) -> new Presale("step", s, n));
        Arbitrary<Presale> plain = Combinators.combine(Arbitraries.of("fixed", "auction", "tmall_i18n").injectNull(0.3),
                Arbitraries.of(true, false)).as((type, n) -> new Presale(type, null, n));
        return Arbitraries.frequencyOf(Tuple.of(1, step), Tuple.of(3, plain));
    }

    private static Arbitrary<Times> times(boolean paid) {
        Arbitrary<Long> payAfter = Arbitraries.longs().between(0, 86_400);
        return Combinators.combine(Arbitraries.longs().between(1_577_808_000L, 1_767_225_599L),
                paid ? payAfter : payAfter.injectNull(0.7), Arbitraries.longs().between(0, 30 * 86_400L),
                Arbitraries.integers().between(0, 2)).as(Times::new);
    }

    private static Arbitrary<SubOrder> subOrder(boolean paid) {
        Arbitrary<String> refund = paid ? Arbitraries.of(REFUND_STATUSES).injectNull(0.2)
                : Arbitraries.of("NO_REFUND", "").injectNull(0.5);
        Arbitrary<Sku> sku = Combinators.combine(Arbitraries.of(OUTER_SKU_IDS).injectNull(0.3),
                Arbitraries.of(OUTER_IIDS).injectNull(0.5),
                Arbitraries.longs().between(600_000_000_001L, 600_000_000_099L).map(String::valueOf).injectNull(0.4),
                Arbitraries.longs().between(600_000_000_001L, 600_000_000_009L)).as(Sku::new);
        Arbitrary<Integer> num = Arbitraries.integers().between(1, 999);
        Arbitrary<Long> price = Arbitraries.longs().between(1, 9_999_999);
        Arbitrary<Integer> percent = Arbitraries.integers().between(0, 100);
        Arbitrary<Boolean> gift = Arbitraries.frequency(Tuple.of(5, false), Tuple.of(1, true));
        Arbitrary<String> refundId = Arbitraries.longs().between(100_000_000_000L, 999_999_999_999L)
                .map(String::valueOf).injectNull(0.2);
        return Combinators.combine(sku, num, price, percent, gift, refund, refundId, human(12).injectNull(0.1))
                .flatAs((s, n, p, d, g, r, id, title) -> Combinators.combine(Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false)).as((form, moved) -> new SubOrder(s, n, g ? 0 : p, g ? 0 : d, g,
                                r, id, form, title, moved)));
    }

    private static Arbitrary<Receiver> receiver() {
        Arbitrary<String> masked = Arbitraries.strings().numeric().ofLength(4).map(d -> "*******" + d);
        return Combinators.combine(human(6).injectNull(0.3),
                Arbitraries.strings().alpha().numeric().ofMinLength(4).ofMaxLength(30).injectNull(0.3),
                human(8).injectNull(0.1), masked.injectNull(0.3), masked.injectNull(0.5)).as(Receiver::new);
    }

    private static Arbitrary<Place> place() {
        return Combinators.combine(Arbitraries.of("", "中国", "CN", "cn").injectNull(0.3), human(4).injectNull(0.1),
                human(4).injectNull(0.1), human(4).injectNull(0.2), human(6).injectNull(0.3), human(30).injectNull(0.1),
                Arbitraries.strings().numeric().ofLength(6).injectNull(0.4)).as(Place::new);
    }

    private static Arbitrary<Extras> extras() {
        return Combinators.combine(human(40).injectNull(0.5), human(40).injectNull(0.6),
                Arbitraries.strings().alpha().numeric().ofMinLength(20).ofMaxLength(40).injectNull(0.4),
                Arbitraries.of("0", "1").injectNull(0.5), Arbitraries.longs().between(0, 5_000).injectNull(0.2))
                .as(Extras::new);
    }

    /** Texts as buyers type them: Chinese characters, emoji (surrogate pairs, ZWJ sequences), ASCII, punctuation. */
    private static Arbitrary<String> human(int maxParts) {
        Arbitrary<String> cjk = Arbitraries.chars().range('\u4e00', '\u9fa5').map(String::valueOf);
        Arbitrary<String> emoji = Arbitraries.integers().between(0x1F300, 0x1FAFF).map(Character::toString);
        return Arbitraries.frequencyOf(Tuple.of(4, cjk), Tuple.of(2, emoji), Tuple.of(3, Arbitraries.of(WORDS)))
                .list().ofMinSize(1).ofMaxSize(maxParts).map(parts -> String.join("", parts));
    }

    @Property(tries = TRIES)
    void aValidTradeIsMappedWithoutRefusalIntoAnOrderWithoutProblems(@ForAll("trades") Trade t) {
        String payload = payload(t);
        NormalizedOrder o;
        try {
            o = mapper.map(SHOP, payload);
        } catch (ChannelException e) {
            throw new AssertionError("a valid trade was refused (" + e.kind() + "): " + e.getMessage(), e);
        } catch (Throwable e) {
            throw new AssertionError("mapping threw " + e + " instead of mapping or refusing as PERMANENT", e);
        }
        assertEquals(List.of(), o.problems());
    }

    /** Every sub-order, a free gift included, is one line (gift = is_free_gift); none is dropped or merged. */
    @Property(tries = TRIES)
    void theTidTheSubOrdersAndTheirQuantitiesAreKept(@ForAll("trades") Trade t) {
        NormalizedOrder o = map(payload(t));
        assertEquals(String.valueOf(t.ids().tid()), o.platformOrderId());
        assertEquals(t.orders().size(), o.lines().size());
        assertEquals(t.orders().stream().mapToInt(SubOrder::num).sum(),
                o.lines().stream().mapToInt(OrderLine::quantity).sum());
        for (int i = 0; i < t.orders().size(); i++) {
            OrderLine line = o.lines().get(i);
            assertEquals(String.valueOf(t.ids().oidBase() + i), line.lineNo());
            assertEquals(t.orders().get(i).num(), line.quantity());
            assertEquals(t.orders().get(i).gift(), line.gift());
        }
    }

    /**
     * A line's paid amount is its sub-order's divide_order_fee (its payment after the trade's discounts are shared
     * out); the trade's payment also holds the post fee, so the lines add up to payment - post_fee.
     */
    @Property(tries = TRIES)
    void theLinesPaidAmountsAddUpToThePaymentLessThePostFee(@ForAll("trades") Trade t) {
        NormalizedOrder o = map(payload(t));
        BigDecimal lines = o.lines().stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertSameAmount(yuan(t.paymentFen()), o.amounts().paid(), "amounts.paid");
        assertSameAmount(yuan(t.postFen()), o.amounts().shipping(), "amounts.shipping");
        assertSameAmount(yuan(t.paymentFen() - t.postFen()), lines, "the sum of the lines' paid amounts");
        assertSameAmount(o.amounts().paid(), lines.add(o.amounts().shipping()), "lines + shipping");
    }

    @Property(tries = TRIES)
    void everyTradeStatusMapsToAStateAndAPaymentStatus(@ForAll("trades") Trade t) {
        NormalizedOrder o = map(payload(t));
        assertEquals(t.status(), o.platformStatus());
        assertNotNull(o.paymentStatus(), "paymentStatus");
        assertNotNull(o.facts().state(), "facts.state");
        Statistics.label("status").collect(t.status());
        Statistics.label("status").coverage(c -> STATUSES.forEach(s -> c.check(s).count(n -> n > 0)));
        t.orders().forEach(s -> Statistics.label("refund_status").collect(s.refundStatus()));
        Statistics.label("refund_status").coverage(c -> REFUND_STATUSES.forEach(s -> c.check(s).count(n -> n > 0)));
    }

    @Property(tries = TRIES)
    void mappingTheSamePayloadTwiceGivesEqualOrders(@ForAll("trades") Trade t) {
        String payload = payload(t);
        assertEquals(map(payload), map(payload));
    }

    @Property(tries = TRIES)
    void reorderingTheJsonKeysGivesAnEqualOrder(@ForAll("trades") Trade t, @ForAll long seed) throws Exception {
        String payload = payload(t);
        String reordered = JSON.writeValueAsString(HostileJson.shuffled(JSON.readTree(payload), new Random(seed)));
        assertEquals(map(payload), map(reordered));
    }

    @Property(tries = TRIES)
    void aDamagedTradeIsMappedOrRefusedAsPermanent(@ForAll("trades") Trade t, @ForAll("damage") Damage d)
            throws Exception {
        String payload = HostileJson.damaged(JSON.readTree(payload(t)), d.node(), d.value());
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
            throw new AssertionError("a valid trade was refused (" + e.kind() + "): " + e.getMessage(), e);
        }
    }

    private static void assertSameAmount(BigDecimal expected, BigDecimal actual, String what) {
        assertTrue(expected.compareTo(actual) == 0, what + ": expected " + expected.toPlainString() + " but was "
                + (actual == null ? null : actual.toPlainString()));
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private static String time(long epochSecond) {
        return LocalDateTime.ofEpochSecond(epochSecond, 0, GMT8).format(TOP_TIME);
    }

    /** The trade as TOP writes it: money as yuan strings with two decimals, times GMT+8, lists wrapped in objects. */
    static String payload(Trade t) {
        ObjectNode n = JSON.createObjectNode();
        id(n, "tid", t.ids().tid(), t.ids().tidForm());
        putIfPresent(n, "type", t.presale().type());
        n.put("status", t.status());
        long created = t.times().created();
        long paid = created + (t.times().payAfter() == null ? 0 : t.times().payAfter());
        long modified = paid + t.times().modifiedAfter();
        n.put("created", time(created));
        if (t.times().payAfter() != null) {
            n.put("pay_time", time(paid));
        }
        n.put("modified", time(modified));
        n.put("payment", yuan(t.paymentFen()).toPlainString());
        long total = t.orders().stream().mapToLong(SubOrder::grossFen).sum();
        n.put("total_fee", yuan(total).toPlainString());
        n.put("discount_fee", yuan(total - t.goodsPaidFen()).toPlainString());
        if (t.extras().postFen() != null) {
            n.put("post_fee", yuan(t.extras().postFen()).toPlainString());
        }
        putIfPresent(n, "buyer_nick", t.receiver().nick());
        putIfPresent(n, "buyer_open_uid", t.receiver().openUid());
        putIfPresent(n, "buyer_message", t.extras().buyerMessage());
        putIfPresent(n, "seller_memo", t.extras().sellerMemo());
        putIfPresent(n, "receiver_name", t.receiver().name());
        putIfPresent(n, "receiver_mobile", t.receiver().mobile());
        putIfPresent(n, "receiver_phone", t.receiver().phone());
        putIfPresent(n, "receiver_country", t.place().country());
        putIfPresent(n, "receiver_state", t.place().state());
        putIfPresent(n, "receiver_city", t.place().city());
        putIfPresent(n, "receiver_district", t.place().district());
        putIfPresent(n, "receiver_town", t.place().town());
        putIfPresent(n, "receiver_address", t.place().address());
        putIfPresent(n, "receiver_zip", t.place().zip());
        putIfPresent(n, "oaid", t.extras().oaid());
        putIfPresent(n, "step_trade_status", t.presale().stepTradeStatus());
        if (t.presale().newPresell()) {
            n.put("new_presell", true);
        }
        putIfPresent(n, "lm", t.extras().lm());
        if (t.times().deliveryForm() == 1) {
            n.put("delivery_time", time(paid + 3 * 86_400L).substring(0, 10));
        } else if (t.times().deliveryForm() == 2) {
            n.put("delivery_time", time(paid + 2 * 86_400L));
        }
        ArrayNode orders = n.putObject("orders").putArray("order");
        for (int i = 0; i < t.orders().size(); i++) {
            subOrder(orders.addObject(), t, i);
        }
        ObjectNode root = n;
        if (t.ids().envelope() == 1) {
            root = JSON.createObjectNode();
            root.set("trade", n);
        } else if (t.ids().envelope() == 2) {
            root = JSON.createObjectNode();
            ObjectNode response = root.putObject("trade_fullinfo_get_response");
            response.set("trade", n);
            response.put("request_id", "prop" + t.ids().tid() % 1000);
        }
        return root.toString();
    }

    /**
     * A sub-order's payment excludes the trade-level discounts when the trade has several sub-orders and equals the
     * trade's payment (post fee included) when it has one (fullinfo doc, note 2); divide_order_fee is always sent.
     */
    private static void subOrder(ObjectNode o, Trade t, int i) {
        SubOrder s = t.orders().get(i);
        id(o, "oid", t.ids().oidBase() + i, s.oidForm());
        o.put("num_iid", s.sku().numIid());
        putIfPresent(o, "sku_id", s.sku().skuId());
        putIfPresent(o, "outer_iid", s.sku().outerIid());
        putIfPresent(o, "outer_sku_id", s.sku().outerSkuId());
        putIfPresent(o, "title", s.title());
        o.put("num", s.num());
        o.put("price", yuan(s.priceFen()).toPlainString());
        o.put("total_fee", yuan(s.grossFen()).toPlainString());
        long payment = t.orders().size() == 1 ? t.paymentFen() : s.paidFen();
        o.put("payment", yuan(payment).toPlainString());
        o.put("divide_order_fee", yuan(s.paidFen()).toPlainString());
        o.put("discount_fee", "0.00");
        o.put("adjust_fee", "0.00");
        putIfPresent(o, "refund_status", s.refundStatus());
        if (s.refundStatus() != null && !s.refundStatus().isEmpty() && !"NO_REFUND".equals(s.refundStatus())) {
            putIfPresent(o, "refund_id", s.refundId());
        }
        o.put("status", t.status());
        if (s.gift()) {
            o.put("is_free_gift", true);
        }
        if (s.addressModified()) {
            o.put("modify_address", "1");
        }
    }

    /** form 0: the number only, 1: the {@code _str} text only, 2: both (as TOP sends them). */
    private static void id(ObjectNode n, String field, long value, int form) {
        if (form != 1) {
            n.put(field, value);
        }
        if (form != 0) {
            n.put(field + "_str", String.valueOf(value));
        }
    }

    private static void putIfPresent(ObjectNode n, String field, String value) {
        if (value != null) {
            n.put(field, value);
        }
    }
}
