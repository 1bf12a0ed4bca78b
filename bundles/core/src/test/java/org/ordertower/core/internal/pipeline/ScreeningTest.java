package org.ordertower.core.internal.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.ScreeningService;

/**
 * Screening of one order with a catalog whose gift rules refuse the GIFT-BAG, and rules that take
 * it off (a pack set to {@code remove}), send it to review ({@code review}), or are not there.
 */
class ScreeningTest {
    static final String BAG_REASON = "gift GIFT-BAG needs goods paid >= 59.00, order has 39.00 (rule demo-bag)";
    /** The review reason the catalog's refusal gives, the same as before rules could take a gift off. */
    static final String CATALOG_REVIEW = "gift GIFT-BAG on line 2 not allowed: " + BAG_REASON;
    static final String GIFT_RULE = "risk-basic/gift-eligibility";

    private final TestCatalog catalog = new TestCatalog().map("T-CUP", "CUP").map("T-BAG", "GIFT-BAG")
            .map("T-CARD", "CARD").map("T-BOX", "TEA-BOX").kit("TEA-BOX", new StockItem("CUP", 2), new StockItem("POT", 1))
            .refuse("GIFT-BAG", BAG_REASON);

    static OrderLine line(String no, String channelSku, String paid) {
        BigDecimal p = new BigDecimal(paid);
        return new OrderLine(no, channelSku, null, "item " + channelSku, 1, p, p, false, null);
    }

    static OrderLine gift(String no, String channelSku) {
        return new OrderLine(no, channelSku, null, "gift " + channelSku, 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null);
    }

    static Order order(PaymentStatus pay, OrderLine... lines) {
        BigDecimal goods = Arrays.stream(lines).map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Instant at = Instant.parse("2026-11-11T04:00:00Z");
        return new Order(7, OrderStatus.RECEIVED, RiskLevel.NONE, at, at, 1, new NormalizedOrder("tmall", "s1", "P7", 1,
                "WAIT_SELLER_SEND_GOODS", pay, new Buyer("张三", "13812345678", "b-7"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "1号", "310012"), List.of(lines),
                new Amounts("CNY", goods, BigDecimal.ZERO, BigDecimal.ZERO, goods), at, null, at, null, null, List.of()));
    }

    /** A cup for 39.00 and the refused gift bag on line 2. */
    static Order cupWithBag(PaymentStatus pay) {
        return order(pay, line("1", "T-CUP", "39.00"), gift("2", "T-BAG"));
    }

    private static List<OrderStatus> statuses(Plan p) {
        return p.steps().stream().map(Plan.Step::to).toList();
    }

    private static List<String> lineNos(List<OrderLine> lines) {
        return lines.stream().map(OrderLine::lineNo).toList();
    }

    @Test
    void withRemoveTheRefusedGiftIsTakenOffNotedAndTheOrderGoesOn() {
        TestRules rules = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove"));

        Plan p = new Screening(catalog, rules).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.SCREENED, OrderStatus.READY), statuses(p));
        assertEquals("lines mapped, gifts checked, rules passed with fixes", p.steps().get(0).reason());
        assertEquals(List.of("1"), lineNos(p.lines()));
        assertEquals("CUP", p.lines().get(0).masterSku());
        assertEquals("mapped through the catalog; gift line 2 (GIFT-BAG) taken off: gift line 2 (GIFT-BAG) refused by the"
                + " catalog: " + BAG_REASON, p.linesNote());
        assertEquals(RiskLevel.AUTO_FIX, p.screened().level());
        assertEquals(List.of(List.of(new GiftDecision.Problem("2", "GIFT-BAG", BAG_REASON))), rules.refused,
                "the rules were given the catalog's refusal");
        assertEquals(List.of("1", "2"), lineNos(rules.orders.get(0).content().lines()), "and saw the gift still on the order");
    }

    @Test
    void withRemoveAnUnpaidOrderStillWaitsForPaymentWithoutTheGift() {
        Plan p = new Screening(catalog, new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove")))
                .screen(cupWithBag(PaymentStatus.UNPAID));

        assertEquals(List.of(OrderStatus.SCREENED, OrderStatus.ON_HOLD), statuses(p));
        assertEquals(List.of("1"), lineNos(p.lines()));
    }

    @Test
    void withReviewTheOrderGoesToReviewWithTheCatalogsReasonAndKeepsTheGift() {
        TestRules rules = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("review"));

        Plan p = new Screening(catalog, rules).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(p));
        assertEquals(CATALOG_REVIEW, p.steps().get(0).reason());
        assertEquals(List.of("1", "2"), lineNos(p.lines()), "mapped, nothing taken off");
        assertEquals(RiskLevel.REVIEW, p.screened().level());
        assertEquals(1, p.screened().hits().size(), "the rule's hit is recorded for the audit trail");
    }

    @Test
    void withoutTheRulesEngineARefusedGiftGoesToReviewAsBefore() {
        Plan p = new Screening(catalog, null).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(p));
        assertEquals(CATALOG_REVIEW, p.steps().get(0).reason());
        assertEquals(List.of("1", "2"), lineNos(p.lines()));
        assertNull(p.screened());
    }

    @Test
    void anEngineWithoutTheRefusedGiftsMethodNeverTakesTheGiftOff() {
        TestRules rules = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove"));
        ScreeningService older = new ScreeningService() { // an engine written before 2.2
            @Override
            public org.ordertower.api.rules.RiskDecision screen(Order order) {
                return rules.screen(order);
            }

            @Override
            public List<org.ordertower.api.rules.RulePackStatus> packs() {
                return List.of();
            }

            @Override
            public List<org.ordertower.api.rules.RuleStatistics> statistics() {
                return List.of();
            }
        };

        Plan p = new Screening(catalog, older).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(p));
        assertEquals(CATALOG_REVIEW, p.steps().get(0).reason());
        assertEquals(List.of(List.of()), rules.refused);
    }

    @Test
    void aRemovalInShadowOrAtReviewLevelTakesNothingOff() {
        TestRules shadowed = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove")).shadow(GIFT_RULE);
        Plan inShadow = new Screening(catalog, shadowed).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(inShadow));
        assertEquals(CATALOG_REVIEW, inShadow.steps().get(0).reason());
        assertEquals(List.of("1", "2"), lineNos(inShadow.lines()));
        assertEquals(RiskLevel.NONE, inShadow.screened().level());

        TestRules reviewing = new TestRules().rule("p/odd", (o, refused) -> List.of(new Finding(RiskLevel.REVIEW, "odd",
                new Finding.Fix(List.of(), null, List.of("2")))));
        Plan atReview = new Screening(catalog, reviewing).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(atReview));
        assertEquals(List.of("1", "2"), lineNos(atReview.lines()));
    }

    @Test
    void aFreezeWinsAndNamesTheRefusedGiftStillOnTheOrder() {
        TestRules rules = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("review"))
                .rule("risk-basic/blacklist", (o, refused) -> List.of(Finding.freeze("buyer b-7 is on the blacklist")));

        Plan p = new Screening(catalog, rules).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.FROZEN), statuses(p));
        assertEquals("risk-basic/blacklist: buyer b-7 is on the blacklist; " + CATALOG_REVIEW, p.steps().get(0).reason());
    }

    @Test
    void anotherRuleReviewingTheOrderStillSeesTheGiftTakenOff() {
        TestRules rules = new TestRules().rule(GIFT_RULE, TestRules.giftEligibility("remove"))
                .rule("risk-basic/duplicate", (o, refused) -> List.of(Finding.review("ordered again within 5 minutes")));

        Plan p = new Screening(catalog, rules).screen(cupWithBag(PaymentStatus.PAID));

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(p));
        assertEquals("risk-basic/duplicate: ordered again within 5 minutes", p.steps().get(0).reason());
        assertEquals(List.of("1"), lineNos(p.lines()), "the fix is applied; the review is for the duplicate");
    }

    @Test
    void otherAutoFixHitsTakeLinesOffAKitWithItsPartsNeverAPartAloneNorEveryLine() {
        Order o = order(PaymentStatus.PAID, line("1", "T-CUP", "19.90"), gift("2", "T-CARD"), line("3", "T-BOX", "99.00"));
        TestRules kitOff = new TestRules().rule("p/no-box", (order, refused) -> List.of(
                Finding.removeLines(List.of("3", "3/CUP", "9"), "TEA-BOX is sold out for good")));

        Plan p = new Screening(catalog, kitOff).screen(o);

        assertEquals(List.of(OrderStatus.SCREENED, OrderStatus.READY), statuses(p));
        assertEquals(List.of("1", "2"), lineNos(p.lines()), "the kit went with its parts; unknown line 9 is ignored");
        assertEquals("mapped through the catalog; line 3 (TEA-BOX) with its parts taken off: TEA-BOX is sold out for good",
                p.linesNote());

        TestRules partOnly = new TestRules().rule("p/no-pot", (order, refused) -> List.of(
                Finding.removeLines(List.of("3/POT"), "POT is out")));
        assertEquals(List.of("1", "2", "3", "3/CUP", "3/POT"), lineNos(new Screening(catalog, partOnly).screen(o).lines()),
                "a kit part never goes alone");

        TestRules everything = new TestRules().rule("p/all", (order, refused) -> List.of(
                Finding.removeLines(List.of("1", "2", "3"), "nothing to ship")));
        Plan all = new Screening(catalog, everything).screen(o);

        assertEquals(List.of(OrderStatus.IN_REVIEW), statuses(all));
        assertEquals("the rules would take every line off, so none was taken off: p/all: nothing to ship",
                all.steps().get(0).reason());
        assertEquals(List.of("1", "2", "3", "3/CUP", "3/POT"), lineNos(all.lines()), "nothing was taken off");
    }
}
