package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.inventory.internal.catalog.GiftChecker.RuleRow;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/** The gift rules kept in memory select what the query selected, and a saved rule counts at once. */
class GiftRuleCacheTest {
    private static final Instant NOW = CatalogFixture.NOW;

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theRulesKeptSelectWhatTheQuerySelects(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        Random random = new Random(kind.hashCode());
        List<String> gifts = List.of("GIFT-A", "GIFT-B", "GIFT-C", "GIFT-D");
        gifts.forEach(f::plain);
        f.plain("MAIN");
        List<String> channels = java.util.Arrays.asList(null, "taobao", "jd");
        for (int i = 0; i < 60; i++) {
            Instant from = random.nextBoolean() ? null : NOW.plus(Duration.ofHours(random.nextInt(48) - 24));
            Instant to = random.nextBoolean() ? null : NOW.plus(Duration.ofHours(random.nextInt(48) - 12));
            if (from != null && to != null && !to.isAfter(from)) {
                to = from.plus(Duration.ofHours(1));
            }
            f.catalog.saveGiftRule(new GiftRule(String.format("R%02d", i), gifts.get(random.nextInt(gifts.size())), 1,
                    random.nextBoolean() ? "MAIN" : null, random.nextBoolean() ? null : new BigDecimal("99.00"),
                    channels.get(random.nextInt(channels.size())), from, to, random.nextBoolean()));
        }
        Database db = new Database(f.dataSource);
        GiftRuleCache cache = new GiftRuleCache(java.time.Clock.systemUTC(), 60_000);
        List<RuleRow> all;
        try (Tx tx = db.begin()) {
            all = cache.load(tx);
        }
        assertEquals(60, all.size());
        for (int i = 0; i < 200; i++) {
            Set<String> asked = new TreeSet<>();
            gifts.stream().filter(g -> random.nextInt(3) == 0).forEach(asked::add);
            String channel = List.of("taobao", "jd", "douyin").get(random.nextInt(3));
            Instant at = NOW.plus(Duration.ofMinutes(random.nextInt(72 * 60) - 36 * 60));
            Map<String, RuleRow> fromDb;
            try (Tx tx = db.begin()) {
                fromDb = CatalogStore.rulesFor(tx, asked, channel, at);
            }
            assertEquals(fromDb, GiftRuleCache.select(all, asked, channel, at),
                    "gifts " + asked + " on " + channel + " at " + at);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2" })
    void aRuleSavedOnThisNodeCountsForTheNextOrderAtOnce(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("MAIN");
        f.plain("GIFT-A");
        List<OrderLine> lines = new ArrayList<>(List.of(new OrderLine("1", "c1", "MAIN", "Main", 1, new BigDecimal("100.00"),
                new BigDecimal("100.00"), false, null)));
        GiftDecision before = f.catalog.gifts("taobao", lines, new BigDecimal("100.00"), NOW);
        assertTrue(before.added().isEmpty(), "no rule yet");
        f.catalog.saveGiftRule(new GiftRule("R1", "GIFT-A", 1, "MAIN", null, null, null, null, true));
        GiftDecision after = f.catalog.gifts("taobao", lines, new BigDecimal("100.00"), NOW);
        assertEquals(List.of("GIFT-A"), after.added().stream().map(OrderLine::masterSku).toList(),
                "the rule saved a moment ago adds its gift, though the rules were kept 5 s");
    }
}
