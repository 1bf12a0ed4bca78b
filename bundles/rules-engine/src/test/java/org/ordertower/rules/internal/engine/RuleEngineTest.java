package org.ordertower.rules.internal.engine;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.rules.Finding;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.api.rules.RiskDecision;
import org.ordertower.api.rules.RulePack;
import org.ordertower.api.rules.ScreeningContext;
import org.ordertower.api.rules.ScreeningRule;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.history.OrderHistory;

/** The engine with real packs of test rules on a real H2 and PostgreSQL history. */
class RuleEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-11T04:00:00Z");
    static final Instant NOW_FOR_TESTS = NOW;

    static RuleEngine engine(DataSource ds) throws Exception {
        return engine(ds, false);
    }

    /** With {@code memory}, the history answers from memory once warm (it is, before this returns). */
    static RuleEngine engine(DataSource ds, boolean memory) throws Exception {
        OrderHistory.migrator(ds).migrate();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        OrderHistory history = new OrderHistory(new Database(ds),
                memory ? OrderHistory.Settings.defaults(clock) : OrderHistory.Settings.tableOnly());
        history.start();
        if (memory) {
            assertTrue(history.awaitWarm(Duration.ofSeconds(30)));
        }
        return new RuleEngine(history, clock, sku -> Optional.empty(), sku -> OptionalInt.empty());
    }

    static Order order(long id, String buyer, String detail, Instant at, String sku, int qty) {
        return new Order(id, OrderStatus.RECEIVED, RiskLevel.NONE, at, at, 1,
                new NormalizedOrder("tmall", "s1", "P" + id, 1, null, PaymentStatus.PAID,
                        new Buyer("n", "13812345678", buyer), new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", detail, null),
                        List.of(new OrderLine("1", "T-" + sku, sku, "t", qty, BigDecimal.TEN, BigDecimal.TEN.multiply(BigDecimal.valueOf(qty)),
                                false, null)),
                        new Amounts("CNY", BigDecimal.valueOf(10L * qty), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.valueOf(10L * qty)),
                        at, at, at, null, null, List.of()));
    }

    static ScreeningRule rule(String name, int priority, Function<ScreeningContext, List<Finding>> f) {
        return new ScreeningRule() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return priority;
            }

            @Override
            public List<Finding> evaluate(ScreeningContext context) {
                return f.apply(context);
            }
        };
    }

    /** A pack whose one parameter is a whole number {@code limit}. */
    static RulePack pack(String name, Function<Integer, List<ScreeningRule>> rules) {
        return new RulePack() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, String> defaults() {
                return Map.of("limit", "5");
            }

            @Override
            public List<ScreeningRule> rules(Map<String, String> p) {
                for (String k : p.keySet()) {
                    if (!k.equals("limit")) {
                        throw new IllegalArgumentException("unknown parameter " + k);
                    }
                }
                try {
                    return rules.apply(Integer.parseInt(p.get("limit")));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("limit: '" + p.get("limit") + "' is not a whole number");
                }
            }
        };
    }

    @ParameterizedTest
    @CsvSource({ "h2,false", "h2,true", "postgres,false", "postgres,true" })
    void historyFindsTheSameBuyerAndAddressByIndexNeverTheOrderItself(String kind, boolean memory) throws Exception {
        RuleEngine engine = engine(TestDatabases.pooled(kind, 4), memory);
        List<List<OrderFact>> seen = new java.util.ArrayList<>();
        engine.add(pack("h", limit -> List.of(rule("look", 1, c -> {
            seen.add(c.ordersOfBuyer(c.now().minus(Duration.ofMinutes(5))));
            seen.add(c.ordersToAddress(c.now().minus(Duration.ofDays(1))));
            return List.of();
        }))));
        engine.screen(order(1, "b1", "1号", NOW.minus(Duration.ofMinutes(3)), "CUP", 1));
        engine.screen(order(2, "b1", "2号", NOW.minus(Duration.ofMinutes(30)), "POT", 2));
        engine.screen(order(3, "b2", "1 号", NOW.minus(Duration.ofHours(2)), "CUP", 1));
        seen.clear();
        engine.screen(order(4, "b1", "1号", NOW, "CUP", 1));
        assertEquals(List.of(1L), seen.get(0).stream().map(OrderFact::orderId).toList(), "b1 within 5 minutes, not itself");
        assertEquals(List.of(1L, 3L), seen.get(1).stream().map(OrderFact::orderId).toList(),
                "the same address (spaces ignored), newest first");
        assertEquals(1, seen.get(1).get(0).units("CUP"));

        seen.clear();
        engine.screen(order(4, "b1", "1号", NOW, "CUP", 1)); // screening again replaces its fact
        assertEquals(List.of(1L), seen.get(0).stream().map(OrderFact::orderId).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void levelsShadowFailuresAndStatistics(String kind) throws Exception {
        RuleEngine engine = engine(TestDatabases.pooled(kind, 4));
        engine.add(pack("p", limit -> List.of(
                rule("too-many", 1, c -> c.order().content().lines().get(0).quantity() > limit
                        ? List.of(Finding.review("quantity " + c.order().content().lines().get(0).quantity() + " > " + limit))
                        : List.of()),
                rule("freezer", 2, c -> List.of(Finding.freeze("always"))),
                rule("broken", 3, c -> {
                    throw new IllegalStateException("bug");
                }),
                rule("tag", 4, c -> List.of(Finding.tag("t", "tagged"))))));
        assertNull(engine.configure("p", Map.of("shadow", "freezer", "service.pid", "org.ordertower.rules.p")));

        RiskDecision d = engine.screen(order(10, "b", "x", NOW, "CUP", 9));
        assertEquals(RiskLevel.REVIEW, d.level(), "the shadow freeze does not count: " + d);
        assertEquals(List.of("p/too-many", "p/freezer", "p/broken", "p/tag"), d.hits().stream().map(RiskDecision.RuleHit::rule).toList(),
                "every rule ran, in priority order, the broken one too");
        RiskDecision.RuleHit broken = d.hits().get(2);
        assertEquals(RiskLevel.REVIEW, broken.finding().level());
        assertEquals("rule p/broken failed: java.lang.IllegalStateException: bug", broken.finding().evidence());
        assertTrue(d.hits().get(1).shadow());

        assertEquals(RiskLevel.REVIEW, engine.screen(order(11, "b", "x", NOW, "CUP", 1)).level(), "broken still reviews");
        assertNull(engine.configure("p", Map.of("disabled", "broken", "shadow", "freezer")));
        assertEquals(RiskLevel.AUTO_FIX, engine.screen(order(12, "b", "x", NOW, "CUP", 1)).level());

        Map<String, org.ordertower.api.rules.RuleStatistics> stats = new java.util.HashMap<>();
        engine.statistics().forEach(s -> stats.put(s.rule(), s));
        assertFalse(stats.containsKey("p/broken"), "a disabled rule is not listed");
        assertEquals(3, stats.get("p/too-many").evaluations());
        assertEquals(1, stats.get("p/too-many").actions());
        assertEquals(3, stats.get("p/freezer").shadowHits());
        assertEquals(0, stats.get("p/freezer").actions());
        assertTrue(stats.get("p/freezer").shadow());
        assertTrue(stats.get("p/tag").nanos() > 0);
    }

    @Test
    void badParametersAreRefusedAndTheLastGoodOnesStay() throws Exception {
        RuleEngine engine = engine(TestDatabases.h2());
        engine.add(pack("p", limit -> List.of(rule("limit", 1,
                c -> c.order().content().lines().get(0).quantity() > limit ? List.of(Finding.review("over " + limit)) : List.of()))));
        assertNull(engine.configure("p", Map.of("limit", "2")));
        String refused = engine.configure("p", Map.of("limit", "two"));
        assertEquals("limit: 'two' is not a whole number", refused);
        assertEquals(refused, engine.packs().get(0).lastError());
        assertEquals("2", engine.packs().get(0).parameters().get("limit"), "the last good parameters stay");
        assertEquals(RiskLevel.REVIEW, engine.screen(order(1, "b", "x", NOW, "CUP", 3)).level(), "3 > 2 still");
        assertTrue(engine.configure("p", Map.of("shadow", "nope")).contains("shadow/disabled name rules the pack does not have: [nope]"));
        assertTrue(engine.configure("p", Map.of("limt", "3")).contains("unknown parameter limt"));
        assertNull(engine.configure("p", Map.of("limit", "3")));
        assertNull(engine.packs().get(0).lastError());
        assertEquals(RiskLevel.NONE, engine.screen(order(2, "b", "x", NOW, "CUP", 3)).level());
    }

    @Test
    void packsComeAndGo() throws Exception {
        RuleEngine engine = engine(TestDatabases.h2());
        RulePack p = pack("p", limit -> List.of(rule("r", 1, c -> List.of(Finding.review("r")))));
        assertEquals(RiskLevel.NONE, engine.screen(order(1, "b", "x", NOW, "CUP", 1)).level(), "no packs: nothing found");
        engine.add(p);
        assertEquals(RiskLevel.REVIEW, engine.screen(order(2, "b", "x", NOW, "CUP", 1)).level());
        engine.remove(p);
        assertEquals(RiskLevel.NONE, engine.screen(order(3, "b", "x", NOW, "CUP", 1)).level());
        assertEquals(List.of(), engine.packs());
    }

    @Test
    void anEmptyRuleSetFiresNothingAndLogsNoWarningButTheOrderIsRemembered() throws Exception {
        RuleEngine engine = engine(TestDatabases.h2());
        String libraryWarning = "No rules registered! Nothing to apply";
        String noPack = stderrOf(() -> assertEquals(new RiskDecision(RiskLevel.NONE, List.of()),
                engine.screen(order(1, "b1", "x", NOW.minusSeconds(60), "CUP", 1))));
        List<List<OrderFact>> seen = new java.util.ArrayList<>();
        engine.add(pack("p", limit -> List.of(rule("r", 1, c -> {
            seen.add(c.ordersOfBuyer(c.now().minus(Duration.ofHours(1))));
            return List.of(Finding.review("r"));
        }))));
        assertNull(engine.configure("p", Map.of("disabled", "r")));
        String allDisabled = stderrOf(() -> assertEquals(new RiskDecision(RiskLevel.NONE, List.of()),
                engine.screen(order(2, "b1", "x", NOW.minusSeconds(30), "CUP", 1), List.of(new GiftDecision.Problem("2",
                        "GIFT", "no gift rule allows SKU GIFT")))));
        String library = stderrOf(() -> new org.jeasy.rules.core.DefaultRulesEngine().fire(new org.jeasy.rules.api.Rules(),
                new org.jeasy.rules.api.Facts()));

        assertTrue(library.contains(libraryWarning), () -> "the capture sees the library's own warning: " + library);
        assertFalse(noPack.contains(libraryWarning), noPack);
        assertFalse(allDisabled.contains(libraryWarning), allDisabled);
        assertFalse(noPack.contains("WARN") || allDisabled.contains("WARN"), () -> noPack + allDisabled);
        assertTrue(seen.isEmpty(), "a disabled rule never runs");
        assertNull(engine.configure("p", Map.of()));
        assertEquals(RiskLevel.REVIEW, engine.screen(order(3, "b1", "x", NOW, "CUP", 1)).level());
        assertEquals(List.of(2L, 1L), seen.get(0).stream().map(OrderFact::orderId).toList(),
                "orders screened without rules are remembered for later look-ups");
    }

    @Test
    void theRefusedGiftsReachTheRulesContext() throws Exception {
        RuleEngine engine = engine(TestDatabases.h2());
        List<List<GiftDecision.Problem>> seen = new java.util.ArrayList<>();
        engine.add(pack("p", limit -> List.of(rule("gifts", 1, c -> {
            seen.add(c.refusedGifts());
            return c.refusedGifts().isEmpty() ? List.of()
                    : List.of(Finding.removeLines(c.refusedGifts().stream().map(GiftDecision.Problem::lineNo).toList(),
                            "refused: " + c.refusedGifts().get(0).reason()));
        }))));
        GiftDecision.Problem bag = new GiftDecision.Problem("2", "GIFT-BAG",
                "gift GIFT-BAG needs goods paid >= 59.00, order has 39.00 (rule demo-bag)");

        RiskDecision d = engine.screen(order(1, "b", "x", NOW, "CUP", 1), List.of(bag));
        RiskDecision without = engine.screen(order(2, "b", "x", NOW, "CUP", 1));

        assertEquals(List.of(List.of(bag), List.of()), seen);
        assertEquals(RiskLevel.AUTO_FIX, d.level());
        assertEquals(List.of("2"), d.acting().get(0).finding().fix().removeLines());
        assertEquals(RiskLevel.NONE, without.level());
    }

    /** What {@code run} writes to System.err, where slf4j-simple logs (it looks System.err up on each line). */
    private static String stderrOf(Runnable run) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            run.run();
        } finally {
            System.setErr(err);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
