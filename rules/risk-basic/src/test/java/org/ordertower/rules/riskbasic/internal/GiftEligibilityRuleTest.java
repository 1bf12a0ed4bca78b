package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.part;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class GiftEligibilityRuleTest {
    private final GiftEligibilityRule rule = new GiftEligibilityRule(new BigDecimal("99.00"));
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
        GiftEligibilityRule byDefault = new GiftEligibilityRule(BigDecimal.ZERO);
        f.lines(line("1", "SKU-A", 1, "0.00"), gift("2", "GIFT"));

        assertTrue(byDefault.evaluate(f).isEmpty());
    }
}
