package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.fact;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.part;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Buyer;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class PurchaseLimitRuleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final Fixture f = new Fixture();

    private static PurchaseLimitRule rule(int defaultLimit, Map<String, Integer> limits) {
        return new PurchaseLimitRule(SHANGHAI, defaultLimit, limits);
    }

    @Test
    void overTheDefaultLimitTodayGoesToReview() {
        f.lines(line("1", "SKU-A", 2, "100.00"));
        f.ofBuyer.add(fact(90, 60, "100.00", item("SKU-A", 1), item("SKU-B", 5)));

        Finding finding = single(rule(2, Map.of()).evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("buyer bought 3 units of SKU-A today (1 before this order) > limit 2", finding.evidence());
    }

    @Test
    void atTheLimitDoesNotFire() {
        f.lines(line("1", "SKU-A", 1, "100.00"));
        f.ofBuyer.add(fact(90, 60, "100.00", item("SKU-A", 1)));

        assertTrue(rule(2, Map.of()).evaluate(f).isEmpty());
    }

    @Test
    void perSkuLimitsOverrideTheDefaultAndZeroMeansNoLimit() {
        f.lines(line("1", "SKU-A", 3, "100.00"), line("2", "SKU-B", 3, "1.00"));

        assertEquals("buyer bought 3 units of SKU-B today (0 before this order) > limit 2",
                single(rule(0, Map.of("SKU-B", 2)).evaluate(f)).evidence());
        assertTrue(rule(1, Map.of("SKU-A", 0, "SKU-B", 3)).evaluate(f).isEmpty());
        assertTrue(rule(0, Map.of()).evaluate(f).isEmpty());
    }

    @Test
    void onlyTodaysOrdersCountKitsAsPartsAndGiftsNot() {
        f.lines(line("1", "KIT", 1, "150.00"), part("2", "SKU-A", 2, "1"), gift("3", "SKU-A"));
        f.ofBuyer.add(fact(89, 15 * 60, "100.00", item("SKU-A", 5)));
        f.ofBuyer.add(fact(Fixture.ORDER_ID, 10, "100.00", item("SKU-A", 5)));

        assertTrue(rule(2, Map.of()).evaluate(f).isEmpty(), "yesterday's order and this order's own fact");

        f.ofBuyer.add(fact(90, 60, "100.00", item("SKU-A", 1)));
        assertEquals(List.of("buyer bought 3 units of SKU-A today (1 before this order) > limit 2"),
                rule(2, Map.of()).evaluate(f).stream().map(Finding::evidence).toList());
    }

    @Test
    void hugeQuantitiesDoNotOverflow() {
        f.lines(line("1", "SKU-A", Integer.MAX_VALUE, "1.00"));
        f.ofBuyer.add(fact(90, 60, "1.00", item("SKU-A", Integer.MAX_VALUE)));

        assertEquals("buyer bought 4294967294 units of SKU-A today (2147483647 before this order) > limit 1",
                single(rule(1, Map.of()).evaluate(f)).evidence());
    }

    @Test
    void withoutBuyerIdNothingIsLookedUp() {
        f.lines(line("1", "SKU-A", 5, "100.00"));
        f.buyer = new Buyer(null, "13812345678", "");

        assertTrue(rule(1, Map.of()).evaluate(f).isEmpty());
    }
}
