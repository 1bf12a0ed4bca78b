package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class RegionCarrierRuleTest {
    private final RegionCarrierRule rule = new RegionCarrierRule(Map.of("江苏省", "SF", "广东省", "ZTO"));
    private final Fixture f = new Fixture();

    @Test
    void theProvinceChoosesTheCarrier() {
        f.address = new Address("CN", " 广东省 ", "深圳市", "南山区", null, "科技园 1号", null);

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("carrier:ZTO"), finding.fix().addTags());
        assertEquals("province 广东省 ships with ZTO", finding.evidence());
    }

    @Test
    void unlistedOrMissingProvincesAreLeftAlone() {
        f.address = new Address("CN", "浙江省", "杭州市", "西湖区", null, "文三路 1号", null);
        assertTrue(rule.evaluate(f).isEmpty());

        f.address = new Address("CN", null, "南京市", null, null, null, null);
        assertTrue(rule.evaluate(f).isEmpty());

        f.address = null;
        assertTrue(rule.evaluate(f).isEmpty());
    }
}
