package org.ordertower.rules.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ordertower.rules.internal.engine.RuleEngineTest.NOW_FOR_TESTS;
import static org.ordertower.rules.internal.engine.RuleEngineTest.order;
import static org.ordertower.rules.internal.engine.RuleEngineTest.pack;
import static org.ordertower.rules.internal.engine.RuleEngineTest.rule;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Order;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.RuleReplay;
import org.ordertower.jdbc.TestDatabases;

/**
 * A replay screens stored orders with a pack's new parameters against its parameters now, each order as of when it
 * came in, and changes nothing: neither the pack's rules nor its statistics.
 */
class ReplayTest {
    @Test
    void newParametersShowWhichOrdersWouldChangeAndNothingChanges() throws Exception {
        RuleEngine engine = RuleEngineTest.engine(TestDatabases.h2());
        engine.add(pack("qty", limit -> List.of(rule("too-many", 1,
                c -> c.order().content().lines().get(0).quantity() > limit
                        ? List.of(Finding.review("quantity over " + limit)) : List.of()))));
        engine.add(pack("repeat", limit -> List.of(rule("same-buyer", 1,
                c -> c.ordersOfBuyer(c.now().minus(Duration.ofHours(1))).size() >= limit
                        ? List.of(Finding.freeze(limit + " orders of the buyer within an hour")) : List.of()))));
        assertNull(engine.configure("repeat", Map.of("limit", "2")));
        List<Order> orders = List.of(
                order(1, "b1", "1号", NOW_FOR_TESTS.minus(Duration.ofMinutes(50)), "CUP", 3),
                order(2, "b1", "1号", NOW_FOR_TESTS.minus(Duration.ofMinutes(40)), "CUP", 6),
                order(3, "b1", "1号", NOW_FOR_TESTS.minus(Duration.ofMinutes(30)), "CUP", 1),
                order(4, "b2", "2号", NOW_FOR_TESTS.minus(Duration.ofMinutes(20)), "CUP", 4));
        orders.forEach(engine::screen); // the history the rules see
        long evaluations = engine.statistics().get(0).evaluations();

        RuleReplay r = engine.replay("qty", Map.of("limit", "2"), orders);
        assertEquals(4, r.orders());
        assertEquals(List.of(1L, 4L), r.changes().stream().map(RuleReplay.Change::orderId).toList(),
                "3 and 4 units pass at 5 and go to review at 2; 6 units were in review already; 1 unit passes");
        assertEquals(Map.of("NONE→REVIEW", 2L), r.byChange());
        RuleReplay.Change first = r.changes().get(0);
        assertEquals(RiskLevel.NONE, first.before().level());
        assertEquals("quantity over 2", first.after().acting().get(0).finding().evidence());

        // each order as of when it came in: the buyer's third order is the first to see two before it
        RuleReplay repeat = engine.replay("repeat", Map.of("limit", "1"), orders);
        assertEquals(List.of(2L), repeat.changes().stream().map(RuleReplay.Change::orderId).toList(),
                "at 1, order 2 sees order 1; order 3 sees two and is frozen either way; order 1 sees none: "
                        + repeat.changes());
        assertEquals(RiskLevel.FREEZE, repeat.changes().get(0).after().level());

        assertEquals("5", engine.packs().stream().filter(p -> p.name().equals("qty")).findFirst().orElseThrow()
                .parameters().get("limit"), "the pack runs as before");
        assertEquals(evaluations, engine.statistics().get(0).evaluations(), "the statistics are untouched");
        assertThrows(IllegalArgumentException.class, () -> engine.replay("qty", Map.of("limit", "lots"), orders));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> engine.replay("nope", Map.of(), orders))
                .getMessage().contains("no rule pack nope is installed"));
        assertEquals("limit: 'lots' is not a whole number", engine.check("qty", Map.of("limit", "lots")));
        assertNull(engine.check("qty", Map.of("limit", "7")));
        assertEquals(Map.of("limit", "5"), engine.defaults("qty"));
    }
}
