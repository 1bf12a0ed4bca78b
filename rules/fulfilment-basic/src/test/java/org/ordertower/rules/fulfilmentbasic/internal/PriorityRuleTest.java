package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class PriorityRuleTest {
    private final Fixture f = new Fixture();

    @Test
    void liveStreamOrdersComeFirst() {
        f.tags.addAll(List.of("vip", " LiveStream "));

        Finding finding = single(new PriorityRule(Set.of("live", "livestream"), false).evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("priority:1"), finding.fix().addTags());
        assertEquals("live-stream order (tag LiveStream)", finding.evidence());
    }

    @Test
    void otherOrdersAreTaggedOnlyWhenAskedTo() {
        f.tags.add("lively");

        assertTrue(new PriorityRule(Set.of("live"), false).evaluate(f).isEmpty());
        Finding finding = single(new PriorityRule(Set.of("live"), true).evaluate(f));
        assertEquals(List.of("priority:2"), finding.fix().addTags());
        assertEquals("not a live-stream order", finding.evidence());
    }

    @Test
    void noLiveTagsMakesNoOrderLive() {
        f.tags.add("live");

        assertTrue(new PriorityRule(Set.of(), false).evaluate(f).isEmpty());
    }
}
