package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class AddressRuleTest {
    private final AddressRule rule = new AddressRule(Map.of("江苏省/南京市", "溧水区"));
    private final Fixture f = new Fixture();

    @Test
    void completeAddressDoesNotFire() {
        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void missingDistrictWithADefaultIsCompleted() {
        f.address = new Address("CN", " 江苏省", "南京市 ", null, "中山路", "18号", "210000");

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals("district missing, completed as 溧水区 for 江苏省/南京市", finding.evidence());
        assertEquals(new Address("CN", " 江苏省", "南京市 ", "溧水区", "中山路", "18号", "210000"), finding.fix().address());
        assertEquals(List.of(), finding.fix().addTags());
    }

    @Test
    void missingDistrictWithoutADefaultGoesToReview() {
        f.address = new Address("CN", "浙江省", "杭州市", " ", null, "文三路 1号", null);

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("incomplete address: missing district", finding.evidence());
        assertTrue(finding.fix().isEmpty());
    }

    @Test
    void moreThanTheDistrictMissingGoesToReviewEvenWithADefault() {
        f.address = new Address("CN", "江苏省", "南京市", null, "中山路", "", null);

        assertEquals("incomplete address: missing district, detail", single(rule.evaluate(f)).evidence());
    }

    @Test
    void noAddressMissesEverything() {
        f.address = null;

        assertEquals("incomplete address: missing province, city, district, detail", single(rule.evaluate(f)).evidence());
    }
}
