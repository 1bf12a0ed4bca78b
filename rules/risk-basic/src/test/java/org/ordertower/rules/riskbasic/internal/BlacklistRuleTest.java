package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class BlacklistRuleTest {
    private final Fixture f = new Fixture();

    @Test
    void listedBuyerIdFreezes() {
        Finding finding = single(new BlacklistRule(Set.of("buyer-1"), Set.of(), List.of()).evaluate(f));

        assertEquals(RiskLevel.FREEZE, finding.level());
        assertEquals("blacklisted: buyer buyer-1 is in blacklist.buyers", finding.evidence());
    }

    @Test
    void listedPhoneMatchesWithoutSpacesAndDashesAndShowsMasked() {
        f.buyer = new Buyer("张三", "138 1234 5678", "buyer-9");

        Finding finding = single(new BlacklistRule(Set.of(), Set.of("138-1234-5678"), List.of()).evaluate(f));

        assertEquals("blacklisted: phone 138****5678 is in blacklist.phones", finding.evidence());
        assertFalse(finding.evidence().contains("1234"));
    }

    @Test
    void addressDetailContainingAListedFragmentFreezesWithoutShowingIt() {
        Finding finding = single(new BlacklistRule(Set.of(), Set.of(), List.of("幸福路", "3单元 501")).evaluate(f));

        assertEquals("blacklisted: address detail contains entry 2 of blacklist.addresses", finding.evidence());
    }

    @Test
    void everyMatchingListIsNamedInOneFinding() {
        BlacklistRule rule = new BlacklistRule(Set.of("buyer-1"), Set.of("13812345678"), List.of("18号"));

        assertEquals("blacklisted: buyer buyer-1 is in blacklist.buyers; phone 138****5678 is in blacklist.phones; "
                + "address detail contains entry 1 of blacklist.addresses", single(rule.evaluate(f)).evidence());
    }

    @Test
    void nothingListedOrNothingToCompareDoesNotFire() {
        BlacklistRule rule = new BlacklistRule(Set.of("buyer-2"), Set.of("13900000000"), List.of("幸福路"));
        assertTrue(rule.evaluate(f).isEmpty());

        f.buyer = new Buyer(null, null, null);
        f.address = new Address(null, null, null, null, null, null, null);
        assertTrue(rule.evaluate(f).isEmpty());

        f.buyer = null;
        f.address = null;
        assertTrue(rule.evaluate(f).isEmpty());
    }
}
