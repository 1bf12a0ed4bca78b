package org.ordertower.rules.fulfilmentbasic.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.fulfilmentbasic.internal.Fixture.single;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;

class PriorityRuleTest {
    private static final Duration DAY = Duration.ofHours(24);
    private final Fixture f = new Fixture();

    @Test
    void thenOrdersPromisedSoonOrOverdue() {
        f.promisedShipBy = Fixture.NOW.plus(Duration.ofHours(5));
        Finding soon = single(new PriorityRule(Set.of("live"), false, DAY).evaluate(f));
        assertEquals(List.of("priority:2", "ship-by:2024-06-18T11:00Z"), soon.fix().addTags());
        assertEquals("promised to ship by 2024-06-18T11:00Z, in 5 h", soon.evidence());

        f.promisedShipBy = Fixture.NOW.minus(Duration.ofMinutes(30));
        Finding late = single(new PriorityRule(Set.of("live"), false, DAY).evaluate(f));
        assertEquals(List.of("priority:2", "ship-by:2024-06-18T05:30Z"), late.fix().addTags());
        assertEquals("promised to ship by 2024-06-18T05:30Z, overdue by 30 min", late.evidence());

        f.promisedShipBy = Fixture.NOW.plus(Duration.ofDays(3));
        Finding later = single(new PriorityRule(Set.of("live"), false, DAY).evaluate(f));
        assertEquals(List.of("ship-by:2024-06-21T06:00Z"), later.fix().addTags(), "not urgent: only the sort key");
        assertEquals(List.of("priority:3", "ship-by:2024-06-21T06:00Z"),
                single(new PriorityRule(Set.of("live"), true, DAY).evaluate(f)).fix().addTags());

        f.tags.add("live");
        assertEquals(List.of("priority:1", "ship-by:2024-06-21T06:00Z"),
                single(new PriorityRule(Set.of("live"), false, DAY).evaluate(f)).fix().addTags(), "live still comes first");
    }

    @Test
    void liveStreamOrdersComeFirst() {
        f.tags.addAll(List.of("vip", " LiveStream "));

        Finding finding = single(new PriorityRule(Set.of("live", "livestream"), false, DAY).evaluate(f));

        assertEquals(RiskLevel.AUTO_FIX, finding.level());
        assertEquals(List.of("priority:1"), finding.fix().addTags());
        assertEquals("live-stream order (tag LiveStream)", finding.evidence());
    }

    @Test
    void otherOrdersAreTaggedOnlyWhenAskedTo() {
        f.tags.add("lively");

        assertTrue(new PriorityRule(Set.of("live"), false, DAY).evaluate(f).isEmpty());
        Finding finding = single(new PriorityRule(Set.of("live"), true, DAY).evaluate(f));
        assertEquals(List.of("priority:3"), finding.fix().addTags());
        assertEquals("not a live-stream order, no promised ship time", finding.evidence());
    }

    @Test
    void noLiveTagsMakesNoOrderLive() {
        f.tags.add("live");

        assertTrue(new PriorityRule(Set.of(), false, DAY).evaluate(f).isEmpty());
    }
}
