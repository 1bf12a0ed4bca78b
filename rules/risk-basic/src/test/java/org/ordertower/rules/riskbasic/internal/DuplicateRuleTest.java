package org.ordertower.rules.riskbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.riskbasic.internal.Fixture.fact;
import static org.ordertower.rules.riskbasic.internal.Fixture.gift;
import static org.ordertower.rules.riskbasic.internal.Fixture.item;
import static org.ordertower.rules.riskbasic.internal.Fixture.line;
import static org.ordertower.rules.riskbasic.internal.Fixture.part;
import static org.ordertower.rules.riskbasic.internal.Fixture.single;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;

class DuplicateRuleTest {
    private final DuplicateRule rule = new DuplicateRule(Duration.ofMinutes(5));
    private final Fixture f = new Fixture();

    @Test
    void sameBuyerSameSkuWithinTheWindowGoesToReviewAsMergeCandidate() {
        f.ofBuyer.add(fact(90, 3, "100.00", item("SKU-A", 1), item("SKU-X", 1)));

        Finding finding = single(rule.evaluate(f));

        assertEquals(RiskLevel.REVIEW, finding.level());
        assertEquals("ordered again within 5 minutes: order 90 (same buyer: SKU-A)", finding.evidence());
        assertEquals(List.of("merge-candidate:90"), finding.fix().addTags());
    }

    @Test
    void samePhoneAndSeveralEarlierOrdersAreNamedInOneFinding() {
        f.lines(line("1", "SKU-A", 1, "100.00"), line("2", "SKU-B", 1, "10.00"));
        f.ofPhone.add(fact(91, 1, "10.00", item("SKU-B", 1)));
        f.ofPhone.add(fact(90, 2, "100.00", item("SKU-A", 1), item("SKU-B", 2)));
        f.ofBuyer.add(fact(90, 2, "100.00", item("SKU-A", 1), item("SKU-B", 2)));

        Finding finding = single(rule.evaluate(f));

        assertEquals("ordered again within 5 minutes: order 90 (same buyer and phone: SKU-A, SKU-B), "
                + "order 91 (same phone: SKU-B)", finding.evidence());
        assertEquals(List.of("merge-candidate:90", "merge-candidate:91"), finding.fix().addTags());
    }

    @Test
    void theWindowIsTheOrdersOwnTimeSoAPlatformClockBehindThisNodesStillFindsTheRepeat() {
        // the platform's clock 10 minutes behind this node's: its orders are placed, by its clock, 10 minutes ago
        f.placed = Fixture.NOW.minusSeconds(600);
        f.ofBuyer.add(new OrderFact(90, f.placed.minusSeconds(120), BigDecimal.ONE, List.of(item("SKU-A", 1))));
        assertEquals(List.of("merge-candidate:90"), single(rule.evaluate(f)).fix().addTags());

        f.ofBuyer.clear();
        f.ofBuyer.add(new OrderFact(91, f.placed.minusSeconds(5 * 60 + 1), BigDecimal.ONE, List.of(item("SKU-A", 1))));
        assertTrue(rule.evaluate(f).isEmpty(), "5 minutes and 1 second before the order is outside");
    }

    @Test
    void windowBoundary() {
        f.ofBuyer.add(new OrderFact(90, Fixture.NOW.minusSeconds(5 * 60 + 1), BigDecimal.ONE, List.of(item("SKU-A", 1))));
        assertTrue(rule.evaluate(f).isEmpty(), "5 minutes and 1 second ago is outside");

        f.ofBuyer.add(new OrderFact(91, Fixture.NOW.minusSeconds(5 * 60), BigDecimal.ONE, List.of(item("SKU-A", 1))));
        assertEquals(List.of("merge-candidate:91"), single(rule.evaluate(f)).fix().addTags());
    }

    @Test
    void otherSkusGiftsAndTheOrderItselfDoNotCount() {
        f.lines(line("1", "SKU-A", 1, "100.00"), gift("2", "GIFT"));
        f.ofBuyer.add(fact(90, 1, "100.00", item("SKU-B", 1), item("GIFT", 1)));
        f.ofBuyer.add(fact(Fixture.ORDER_ID, 1, "100.00", item("SKU-A", 1)));

        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void kitsCompareByTheirParts() {
        f.lines(line("1", "KIT", 1, "150.00"), part("2", "SKU-A", 2, "1"));
        f.ofBuyer.add(fact(90, 1, "100.00", item("SKU-A", 1)));
        f.ofPhone.add(fact(91, 1, "150.00", item("KIT", 1)));

        assertEquals("ordered again within 5 minutes: order 90 (same buyer: SKU-A)", single(rule.evaluate(f)).evidence());
    }

    @Test
    void withoutBuyerIdOrPhoneNothingIsLookedUp() {
        f.ofBuyer.add(fact(90, 1, "100.00", item("SKU-A", 1)));
        f.ofPhone.add(fact(91, 1, "100.00", item("SKU-A", 1)));

        f.buyer = new Buyer("张三", " ", null);
        assertTrue(rule.evaluate(f).isEmpty());
        f.buyer = null;
        assertTrue(rule.evaluate(f).isEmpty());
    }

    @Test
    void sameDeviceOrIpCatchesAnotherAccountWhereThePlatformGivesThem() {
        f.fromDevice.add(fact(92, 2, "100.00", item("SKU-A", 1)));
        f.fromIp.add(fact(93, 4, "100.00", item("SKU-A", 1)));
        assertTrue(rule.evaluate(f).isEmpty(), "no device or IP on this order: nothing is looked up");

        f.buyer = new Buyer("李四", null, "other-account");
        f.facts = new ChannelFacts(ChannelFacts.ChannelState.OPEN, null, "dev-7f3a", "203.0.113.9");
        Finding finding = single(rule.evaluate(f));
        assertEquals("ordered again within 5 minutes: order 92 (same device: SKU-A), order 93 (same IP: SKU-A)",
                finding.evidence());
        assertEquals(List.of("merge-candidate:92", "merge-candidate:93"), finding.fix().addTags());
    }
}
