package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.part;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.rules.riskbasic.internal.GiftEligibilityRule.Action;

class GiftEligibilityRuleTest {
    private static final String BAG_REASON = "gift GIFT-BAG needs goods paid >= 59.00, order has 39.00 (rule demo-bag)";
    private final GiftEligibilityRule rule = new GiftEligibilityRule(new BigDecimal("99.00"), Action.REVIEW);
    private final GiftEligibilityRule remove = new GiftEligibilityRule(new BigDecimal("99.00"), Action.REMOVE);
    private final Fixture f = new Fixture();

    @Test
    void giftWithoutMainItemGoesToReview() {
        f.lines(gift("1", "GIFT"), gift("2", "CARD"));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("gift GIFT, CARD without a main item on the order", finding.evidence());
        assertTrue(finding.fix().isEmpty());
    }

    @Test
    void giftOnGoodsPaidUnderTheMinimumGoesToReview() {
        f.lines(line("1", "SKU-A", 1, "98.99"), gift("2", "GIFT"));
        assertEquals("gift GIFT on goods paid 98.99 < 99.00", single(rule.evaluate(f)).evidence());

        f.lines(line("1", "SKU-A", 1, "99.00"), gift("2", "GIFT"));
        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void goodsPaidFallsBackToUnitPriceTimesQuantityAndCountsKitsOnce() {
        OrderLine unpaidAmount = new OrderLine("1", "ch-A", "SKU-A", null, 2, new BigDecimal("49.00"), null, false, null);
        f.lines(unpaidAmount, line("2", "KIT", 1, "0.50"), part("3", "SKU-B", 1, "2"), gift("4", "GIFT"));

        assertEquals("gift GIFT on goods paid 98.50 < 99.00", single(rule.evaluate(f)).evidence());
    }

    @Test
    void unknownAmountsAreNotJudgedAndKitPartsAreNotGifts() {
        OrderLine noPrice = new OrderLine("1", "ch-A", "SKU-A", null, 1, null, null, false, null);
        f.lines(noPrice, gift("2", "GIFT"));
        assertTrue(rule.evaluate(f).isEmpty());

        OrderLine giftPart = new OrderLine("3", "ch-B", "SKU-B", null, 1, null, null, true, "1");
        f.lines(line("1", "KIT", 1, "150.00"), giftPart);
        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void defaultMinimumOfZeroOnlyChecksTheMainItem() {
        GiftEligibilityRule byDefault = new GiftEligibilityRule(BigDecimal.ZERO, Action.REVIEW);
        f.lines(line("1", "SKU-A", 1, "0.00"), gift("2", "GIFT"));

        assertTrue(byDefault.evaluate(f).isEmpty());
    }

    @Test
    void withReviewAGiftTheCatalogRefusedGoesToReviewWithTheCatalogsReason() {
        f.lines(line("1", "SKU-A", 1, "150.00"), gift("2", "GIFT-BAG"), gift("3", "CARD")).refuse("2", "GIFT-BAG", BAG_REASON);

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("gift line 2 (GIFT-BAG) refused by the catalog: " + BAG_REASON, finding.evidence());
        assertTrue(finding.fix().isEmpty(), "review takes nothing off");
    }

    @Test
    void withRemoveTheRefusedGiftIsTakenOffNamingLineSkuAndReason() {
        f.lines(line("1", "SKU-A", 1, "150.00"), gift("2", "GIFT-BAG"), gift("3", "CARD")).refuse("2", "GIFT-BAG", BAG_REASON);

        Finding finding = single(remove.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("2"), finding.fix().removeLines(), "only the refused line; the allowed card stays");
        assertEquals("gift line 2 (GIFT-BAG) refused by the catalog: " + BAG_REASON, finding.evidence());
        assertEquals(List.of(), finding.fix().addTags());
    }

    @Test
    void withRemoveEveryGiftUnderTheMinimumIsTakenOffTooWithItsOwnReason() {
        f.lines(line("1", "SKU-A", 1, "39.00"), gift("2", "GIFT-BAG"), gift("3", "CARD")).refuse("2", "GIFT-BAG", BAG_REASON);

        Finding finding = single(remove.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("2", "3"), finding.fix().removeLines());
        assertEquals("gift line 2 (GIFT-BAG) refused by the catalog: " + BAG_REASON
                + "; gift line 3 (CARD) on goods paid 39.00 < 99.00", finding.evidence());
    }

    @Test
    void withRemoveAGiftWithoutAnyMainItemStillGoesToReview() {
        f.lines(gift("1", "GIFT-BAG")).refuse("1", "GIFT-BAG", BAG_REASON);

        Finding finding = single(remove.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("gift GIFT-BAG without a main item on the order", finding.evidence());
        assertTrue(finding.fix().removeLines().isEmpty());
    }

    @Test
    void withRemoveAnEligibleGiftStaysAndRefusalsOfOtherLinesAreIgnored() {
        f.lines(line("1", "SKU-A", 1, "150.00"), gift("2", "CARD")).refuse("1", "SKU-A", "not a gift line")
                .refuse("9", "GONE", "a line that is not on the order");

        assertTrue(remove.evaluate(f).isEmpty(), "a bought line is never taken off as a gift");
    }

    @Test
    void withRemoveAGiftWithoutLineNumberCannotBeNamedAndGoesToReview() {
        OrderLine unnumbered = new OrderLine(null, "ch-CARD", "CARD", null, 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null);
        f.lines(line("1", "SKU-A", 1, "39.00"), gift("2", "GIFT-BAG"), unnumbered);

        List<Finding> findings = remove.evaluate(f);

        assertEquals(2, findings.size(), findings::toString);
        assertEquals(List.of("2"), findings.get(0).fix().removeLines());
        assertEquals(RiskLevel.REVIEW, findings.get(1).level());
        assertEquals("gift CARD without a line number on goods paid 39.00 < 99.00", findings.get(1).evidence());
    }
}
