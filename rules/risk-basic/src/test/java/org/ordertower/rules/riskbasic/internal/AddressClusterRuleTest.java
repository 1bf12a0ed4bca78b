package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.fact;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;

class AddressClusterRuleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    /** Midnight in Shanghai on the day of {@link Fixture#NOW}. */
    private static final Instant MIDNIGHT = Instant.parse("2024-06-17T16:00:00Z");

    private final AddressClusterRule rule = rule(SHANGHAI);
    private final Fixture f = new Fixture();

    private static AddressClusterRule rule(ZoneId zone) {
        return new AddressClusterRule(zone, new BigDecimal("5000.00"), 3, new BigDecimal("0.85"));
    }

    @Test
    void ordersToOneAddressOverTheAmountGoToReview() {
        f.paid = new BigDecimal("1100.00");
        f.toAddress.add(fact(90, 60, "3000.00", item("SKU-A", 30)));
        f.toAddress.add(fact(91, 30, "2100.00", item("SKU-A", 21)));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("3 orders to the same address today, total 6,200.00 > 5,000.00", finding.evidence());
    }

    @Test
    void exactlyTheAmountDoesNotFire() {
        f.paid = new BigDecimal("1000.00");
        f.toAddress.add(fact(90, 60, "4000.00", item("SKU-A", 40)));

        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void todayStartsAtMidnightInTheZone() {
        f.paid = new BigDecimal("1000.00");
        f.toAddress.add(new OrderFact(89, MIDNIGHT.minusSeconds(1), new BigDecimal("9000.00"), List.of()));
        assertTrue(rule.evaluate(f).isEmpty(), "yesterday in Shanghai");

        f.toAddress.add(new OrderFact(90, MIDNIGHT, new BigDecimal("4000.01"), List.of()));
        assertEquals("2 orders to the same address today, total 5,000.01 > 5,000.00", single(rule.evaluate(f)).evidence());

        assertTrue(rule(ZoneOffset.UTC).evaluate(f).isEmpty(), "in UTC both were yesterday");
    }

    @Test
    void priceAnomalyAfterEnoughOrdersFreezes() {
        f.lines(line("1", "SKU-A", 10, "84.00"));
        f.paid = new BigDecimal("840.00");
        f.toAddress.add(fact(90, 60, "2000.00", item("SKU-A", 20)));
        f.toAddress.add(fact(91, 50, "2000.00", item("SKU-A", 20)));
        f.toAddress.add(fact(92, 40, "1000.00", item("SKU-A", 10)));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.FREEZE, finding.level());
        assertEquals("4 orders to the same address today, total 5,840.00 > 5,000.00, 3 before this one (at least 3) "
                + "and SKU-A unit price 84.00 < 85% of base price 100.00", finding.evidence());
    }

    @Test
    void priceAnomalyWithTooFewEarlierOrdersOnlyReviews() {
        f.lines(line("1", "SKU-A", 10, "84.00"));
        f.paid = new BigDecimal("840.00");
        f.toAddress.add(fact(90, 60, "3000.00", item("SKU-A", 30)));
        f.toAddress.add(fact(91, 50, "2000.00", item("SKU-A", 20)));

        assertEquals(RiskLevel.REVIEW, single(rule.evaluate(f)).level());
    }

    @Test
    void enoughOrdersWithoutPriceAnomalyOnlyReviews() {
        f.lines(line("1", "SKU-A", 10, "85.00"));
        f.paid = new BigDecimal("850.00");
        f.toAddress.add(fact(90, 60, "2000.00", item("SKU-A", 20)));
        f.toAddress.add(fact(91, 50, "2000.00", item("SKU-A", 20)));
        f.toAddress.add(fact(92, 40, "1000.00", item("SKU-A", 10)));

        assertEquals(RiskLevel.REVIEW, single(rule.evaluate(f)).level());
    }

    @Test
    void noAddressTheOrderItselfAndMissingAmountsDoNotCount() {
        f.toAddress.add(fact(Fixture.ORDER_ID, 10, "9000.00", item("SKU-A", 90)));
        f.toAddress.add(new OrderFact(90, Fixture.NOW, null, List.of()));
        f.paid = null;
        assertTrue(rule.evaluate(f).isEmpty());

        f.toAddress.add(fact(91, 10, "9000.00", item("SKU-A", 90)));
        f.address = null;
        assertTrue(rule.evaluate(f).isEmpty());
    }
}
