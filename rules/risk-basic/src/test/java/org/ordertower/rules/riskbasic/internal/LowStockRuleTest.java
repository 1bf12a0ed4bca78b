package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class LowStockRuleTest {
    private final LowStockRule rule = new LowStockRule(3);
    private final Fixture f = new Fixture();

    @Test
    void skusUnderTheThresholdAreTaggedStockoutRisk() {
        f.lines(line("1", "SKU-A", 1, "100.00"), line("2", "SKU-A", 1, "100.00"), line("3", "SKU-B", 1, "1.00"),
                gift("4", "GIFT"));
        f.sellable.putAll(Map.of("SKU-A", 2, "SKU-B", 9, "GIFT", 0));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals("sellable stock under 3: SKU-A 2, GIFT 0", finding.evidence());
        assertEquals(List.of("stockout-risk"), finding.fix().addTags());
    }

    @Test
    void atTheThresholdDoesNotFire() {
        f.sellable.put("SKU-A", 3);

        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void withoutInventoryOrMasterSkuNothingFires() {
        assertTrue(rule.evaluate(f).isEmpty(), "no sellable figure");

        f.sellable.put("SKU-A", 0);
        f.lines(new OrderLine("1", "ch-A", null, null, 1, null, null, false, null));
        assertTrue(rule.evaluate(f).isEmpty(), "not mapped");
    }
}
