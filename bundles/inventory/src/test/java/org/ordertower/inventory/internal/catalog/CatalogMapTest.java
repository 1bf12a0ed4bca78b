package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockItem;

class CatalogMapTest {

    private static OrderLine line(String lineNo, String channelSku, int qty, String price, String paid) {
        return new OrderLine(lineNo, channelSku, null, "title " + lineNo, qty, new BigDecimal(price),
                new BigDecimal(paid), false, null);
    }

    private static OrderLine gift(String lineNo, String masterSku, int qty) {
        return new OrderLine(lineNo, "C-" + masterSku, masterSku, null, qty, BigDecimal.ZERO, BigDecimal.ZERO, true,
                null);
    }

    private static OrderLine item(String lineNo, String masterSku) {
        return new OrderLine(lineNo, "C-" + masterSku, masterSku, null, 1, BigDecimal.TEN, BigDecimal.TEN, false, null);
    }

    private static CatalogFixture shop(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("TEA");
        f.plain("CUP");
        f.plain("MUG");
        f.kit("SET", new KitPart("TEA", 2), new KitPart("CUP", 1));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-TEA-6", "i1", "OC-TEA", "TEA", 6));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-SET", "i2", null, "SET", 1));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-CUP", "i3", "OC-CUP", "CUP", 1));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-X1", null, "OC-AMB", "TEA", 1));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-X2", null, "OC-AMB", "CUP", 1));
        f.catalog.saveMapping(new SkuMapping("tmall", "s2", "T-ONLY-S2", null, null, "CUP", 1));
        f.catalog.saveMapping(new SkuMapping("jd", "s1", "J-ONLY", null, null, "CUP", 1));
        return f;
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void mapsWithFactorKitsOuterCodesAndNeverGuesses(String kind) throws Exception {
        CatalogFixture f = shop(kind);
        List<OrderLine> order = List.of(
                line("L1", "T-TEA-6", 2, "60.00", "110.00"),
                line("L2", "T-SET", 3, "30.00", "90.00"),
                line("L3", "OC-CUP", 1, "5.00", "5.00"),
                line("L4", "UNKNOWN-1", 1, "1.00", "1.00"),
                line("L5", "OC-AMB", 1, "1.00", "1.00"),
                line("L6", "T-TEA", 1, "1.00", "1.00"),
                line("L7", "UNKNOWN-1", 2, "1.00", "2.00"),
                new OrderLine("L8", null, "MUG", "manual", 2, BigDecimal.ONE, BigDecimal.ONE, false, null),
                new OrderLine("L9", "M-GHOST", "GHOST", "manual", 1, BigDecimal.ONE, BigDecimal.ONE, false, null),
                line("L10", "J-ONLY", 1, "1.00", "1.00"),
                line("L11", "T-ONLY-S2", 1, "1.00", "1.00"));

        MappedLines m = f.catalog.map("tmall", "s1", order);

        Map<String, OrderLine> byNo = m.lines().stream().collect(Collectors.toMap(OrderLine::lineNo, l -> l));
        assertEquals(new OrderLine("L1", "T-TEA-6", "TEA", "title L1", 12, new BigDecimal("10.0000"),
                new BigDecimal("110.00"), false, null), byNo.get("L1"), "quantity times factor, unit price divided");
        assertEquals(List.of("L1", "L2", "L2/CUP", "L2/TEA", "L3", "L4", "L5", "L6", "L7", "L8", "L9", "L10", "L11"),
                m.lines().stream().map(OrderLine::lineNo).toList(), "kit parts follow their kit line");
        assertEquals(new OrderLine("L2", "T-SET", "SET", "title L2", 3, new BigDecimal("30.00"), new BigDecimal("90.00"),
                false, null), byNo.get("L2"));
        assertEquals(new OrderLine("L2/TEA", "T-SET", "TEA", null, 6, BigDecimal.ZERO, BigDecimal.ZERO, false, "L2"),
                byNo.get("L2/TEA"));
        assertEquals(new OrderLine("L2/CUP", "T-SET", "CUP", null, 3, BigDecimal.ZERO, BigDecimal.ZERO, false, "L2"),
                byNo.get("L2/CUP"));
        assertEquals("CUP", byNo.get("L3").masterSku(), "matched by outer code");
        assertEquals("MUG", byNo.get("L8").masterSku(), "a manual master SKU that exists is trusted");
        for (String unmapped : List.of("L4", "L5", "L6", "L7", "L9", "L10", "L11")) {
            assertNull(byNo.get(unmapped).masterSku(), unmapped + " must not be guessed");
        }
        assertEquals(List.of("UNKNOWN-1", "OC-AMB", "T-TEA", "M-GHOST", "J-ONLY", "T-ONLY-S2"), m.unmapped());
        assertFalse(m.complete());
        assertEquals(List.of(new StockItem("TEA", 18), new StockItem("CUP", 4), new StockItem("MUG", 2)), m.items());

        assertEquals(m, f.catalog.map("tmall", "s1", m.lines()), "mapping mapped lines changes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aCompleteOrderHasNoUnmappedLines(String kind) throws Exception {
        CatalogFixture f = shop(kind);
        MappedLines m = f.catalog.map("tmall", "s1", List.of(line("1", "T-CUP", 1, "5", "5")));
        assertTrue(m.complete());
        assertEquals(List.of(new StockItem("CUP", 1)), m.items());
        assertEquals(new MappedLines(List.of(), List.of(), List.of()), f.catalog.map("tmall", "s1", List.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void checksGiftsAgainstTheRules(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        for (String code : List.of("SKU-A", "TEA", "G1", "G2", "G3", "G4", "G5", "G6", "G7", "AUTO", "AUTO2", "AUTO3")) {
            f.plain(code);
        }
        Instant june = Instant.parse("2024-06-01T00:00:00Z");
        Instant july = Instant.parse("2024-07-01T00:00:00Z");
        f.catalog.saveGiftRule(new GiftRule("r1", "G1", 1, "SKU-A", null, null, null, null, false));
        f.catalog.saveGiftRule(new GiftRule("r2", "G2", 1, null, new BigDecimal("199"), null, null, null, false));
        f.catalog.saveGiftRule(new GiftRule("r2b", "G2", 1, null, null, "jd", null, null, false));
        f.catalog.saveGiftRule(new GiftRule("r3", "G3", 1, null, null, null, null, june, false));
        f.catalog.saveGiftRule(new GiftRule("r4", "G4", 1, null, null, "jd", null, null, false));
        f.catalog.saveGiftRule(new GiftRule("r6", "G6", 1, null, null, null, null, null, false));
        f.catalog.saveGiftRule(new GiftRule("r7", "G7", 1, "TEA", new BigDecimal("100"), "tmall", june, july, false));
        f.catalog.saveGiftRule(new GiftRule("a1", "AUTO", 2, "TEA", new BigDecimal("100"), null, june, july, true));
        f.catalog.saveGiftRule(new GiftRule("a2", "AUTO2", 1, null, null, "jd", null, null, true));
        f.catalog.saveGiftRule(new GiftRule("a3", "G7", 1, null, null, null, null, null, true));
        f.catalog.saveGiftRule(new GiftRule("a4", "AUTO3", 1, null, null, null, null, june, true));
        f.catalog.saveGiftRule(new GiftRule("a5", "AUTO3", 1, "SKU-A", null, null, null, null, true));

        List<OrderLine> order = List.of(item("1", "TEA"), gift("g1", "G1", 1), gift("g2", "G2", 1), gift("g3", "G3", 1),
                gift("g4", "G4", 1), gift("g5", "G5", 1), gift("g6", "G6", 2), gift("g7", "G7", 1),
                new OrderLine("k/G5", "C-K", "G5", null, 1, BigDecimal.ZERO, BigDecimal.ZERO, true, "k"));
        GiftDecision d = f.catalog.gifts("tmall", order, new BigDecimal("120"), CatalogFixture.NOW);

        Map<String, String> reasons = d.ineligible().stream()
                .collect(Collectors.toMap(GiftDecision.Problem::lineNo, GiftDecision.Problem::reason));
        assertEquals(List.of("g1", "g2", "g3", "g4", "g5", "g6"), d.ineligible().stream()
                .map(GiftDecision.Problem::lineNo).toList(), "g7 is allowed; kit part lines are not checked");
        assertTrue(reasons.get("g1").contains("gift G1 needs main item SKU-A on the order"), reasons.get("g1"));
        assertTrue(reasons.get("g2").contains("gift G2 needs goods paid >= 199.00, order has 120.00"), reasons.get("g2"));
        assertTrue(reasons.get("g2").contains("only for channel jd"), "every rule's reason: " + reasons.get("g2"));
        assertTrue(reasons.get("g3").contains("gift G3 promotion ended at 2024-06-01T00:00:00Z"), reasons.get("g3"));
        assertTrue(reasons.get("g4").contains("gift G4 is only for channel jd, order is from tmall"), reasons.get("g4"));
        assertEquals("no gift rule allows SKU G5", reasons.get("g5"));
        assertTrue(reasons.get("g6").contains("allows 1 per order, line has 2"), reasons.get("g6"));
        assertEquals("G3", d.ineligible().get(2).sku());

        assertEquals(List.of(new OrderLine("gift/a1", "AUTO", "AUTO", "Name of AUTO", 2, BigDecimal.ZERO,
                BigDecimal.ZERO, true, null)), d.added(), "only a1 applies; G7 is on the order already");

        GiftDecision richer = f.catalog.gifts("tmall", order, new BigDecimal("199.00"), CatalogFixture.NOW);
        assertFalse(richer.ineligible().stream().anyMatch(p -> p.lineNo().equals("g2")), "r2 allows G2 at 199");

        GiftDecision late = f.catalog.gifts("tmall", List.of(item("1", "TEA"), gift("g7", "G7", 1)),
                new BigDecimal("120"), july);
        assertEquals(List.of(), late.ineligible(), "r7 has ended but a3 still allows G7");
        assertEquals(List.of(), late.added(), "a1 has ended; a3 gives G7, which is on the order");

        // a gift SKU sold alone for nothing, not flagged as a gift (Pinduoduo lists it as the order's item): a gift that
        // needs its main item; the same SKU paid for is an ordinary line, and a free line of no gift's SKU too
        OrderLine freeG1 = new OrderLine("p1", "C-G1", "G1", null, 1, BigDecimal.ZERO, BigDecimal.ZERO, false, null);
        GiftDecision alone = f.catalog.gifts("tmall", List.of(freeG1), BigDecimal.ZERO, CatalogFixture.NOW);
        assertEquals(List.of("p1"), alone.ineligible().stream().map(GiftDecision.Problem::lineNo).toList());
        assertTrue(alone.ineligible().get(0).reason().contains("needs main item SKU-A"), alone.ineligible().toString());
        OrderLine paidG1 = new OrderLine("p1", "C-G1", "G1", null, 1, BigDecimal.TEN, BigDecimal.TEN, false, null);
        assertEquals(List.of(), f.catalog.gifts("tmall", List.of(paidG1), BigDecimal.TEN, CatalogFixture.NOW).ineligible());
        OrderLine freeTea = new OrderLine("p2", "C-TEA", "TEA", null, 1, BigDecimal.ZERO, BigDecimal.ZERO, false, null);
        assertEquals(List.of(), f.catalog.gifts("tmall", List.of(freeTea), BigDecimal.ZERO, CatalogFixture.NOW).ineligible());

        GiftDecision noTime = f.catalog.gifts("tmall", List.of(item("1", "TEA")), new BigDecimal("100"), null);
        assertEquals(List.of("gift/a1", "gift/a3"), noTime.added().stream().map(OrderLine::lineNo).toList(),
                "without a time the clock's is used, when a1 runs");
    }
}
