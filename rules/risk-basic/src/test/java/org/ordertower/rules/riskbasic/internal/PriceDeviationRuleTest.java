package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class PriceDeviationRuleTest {
    private final PriceDeviationRule rule = new PriceDeviationRule(new BigDecimal("0.85"), new BigDecimal("0.50"));
    private final Fixture f = new Fixture();

    @Test
    void underTheReviewRatioGoesToReview() {
        f.lines(line("1", "SKU-A", 1, "84.99"));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("SKU-A unit price 84.99 < 85% of base price 100.00", finding.evidence());
    }

    @Test
    void underTheFreezeRatioFreezes() {
        f.lines(line("1", "SKU-A", 1, "49.99"));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.FREEZE, finding.level());
        assertEquals("SKU-A unit price 49.99 < 50% of base price 100.00", finding.evidence());
    }

    @Test
    void boundaries() {
        f.lines(line("1", "SKU-A", 1, "85.00"));
        assertTrue(rule.evaluate(f).isEmpty());

        f.lines(line("1", "SKU-A", 1, "50.00"));
        assertEquals(RiskLevel.REVIEW, single(rule.evaluate(f)).level());
    }

    @Test
    void oneFindingPerLine() {
        f.sku("SKU-B", "10.00");
        f.lines(line("1", "SKU-A", 1, "60.00"), line("2", "SKU-B", 3, "1.00"));

        assertEquals(List.of(RiskLevel.REVIEW, RiskLevel.FREEZE), rule.evaluate(f).stream().map(Finding::level).toList());
    }

    @Test
    void giftsKitPartsAndLinesWithoutPricesAreSkipped() {
        f.sku("NO-BASE", null).sku("FREE", "0.00");
        f.lines(gift("1", "SKU-A"), new OrderLine("2", "ch-A", "SKU-A", null, 1, BigDecimal.ONE, null, false, "1"),
                new OrderLine("3", "ch-A", "SKU-A", null, 1, null, null, false, null),
                new OrderLine("4", "ch-X", null, null, 1, BigDecimal.ONE, BigDecimal.ONE, false, null),
                line("5", "UNKNOWN", 1, "1.00"), line("6", "NO-BASE", 1, "1.00"), line("7", "FREE", 1, "0.00"));

        assertTrue(rule.evaluate(f).isEmpty());
    }
}
