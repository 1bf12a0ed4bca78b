package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.line;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderLine;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class ColdChainRuleTest {
    private final ColdChainRule rule = new ColdChainRule();
    private final Fixture f = new Fixture();

    @Test
    void onlyColdChainGoodsAreTaggedColdChain() {
        f.lines(line("1", "ICE", null), line("2", "ICE", null));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("cold-chain"), finding.fix().addTags());
        assertEquals("cold-chain ICE, ICE", finding.evidence());
    }

    @Test
    void coldChainGoodsWithOtherGoodsShipAlone() {
        f.lines(line("1", "ICE", null), line("2", "SKU-A", null), line("3", "SKU-B", null));

        Finding finding = single(rule.evaluate(f));

        assertEquals(List.of("cold-chain", "ships-alone"), finding.fix().addTags());
        assertEquals("cold-chain ICE ships alone, apart from 2 other lines: SKU-A, SKU-B", finding.evidence());
    }

    @Test
    void kitsShipAsTheirPartsAndPartsOfAColdChainKitAreColdChain() {
        f.sku("ICE-BOX", true);
        f.lines(line("1", "GIFT-BOX", null), line("2", "ICE", "1"), line("3", "SKU-A", "1"),
                line("4", "ICE-BOX", null), line("5", "SKU-B", "4"));

        assertEquals("cold-chain ICE, SKU-B ships alone, apart from 1 other line: SKU-A", single(rule.evaluate(f)).evidence());
    }

    @Test
    void noColdChainGoodsAndUnknownSkusDoNotFire() {
        f.lines(line("1", "SKU-A", null), line("2", "UNKNOWN", null),
                new OrderLine(null, null, null, null, 0, null, null, false, "no-such-kit"));

        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void aLineWithoutSkuIsNamedByWhatItHas() {
        f.lines(line("1", "ICE", null), new OrderLine("2", "ch-X", null, null, 1, BigDecimal.ONE, null, false, null),
                new OrderLine("3", null, null, null, 1, null, null, true, null));

        assertEquals("cold-chain ICE ships alone, apart from 2 other lines: ch-X, line 3", single(rule.evaluate(f)).evidence());
    }
}
