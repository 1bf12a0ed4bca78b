package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;

class CatalogSaveTest {

    private static Sku sku(String code, String name, String barcode, String price, int weight,
            Map<String, String> attributes, List<KitPart> parts, int low, int presale, int quota) {
        return new Sku(code, name, barcode, price == null ? null : new BigDecimal(price), weight, attributes, false,
                parts, low, presale, quota);
    }

    private static Sku plain(String code) {
        return Sku.plain(code, "Name", new BigDecimal("1"));
    }

    /** Each bad input is refused with a message containing the fragment, and leaves every table as it was. */
    private static void assertRefused(CatalogFixture f, Map<String, Consumer<CatalogService>> cases) throws Exception {
        for (Map.Entry<String, Consumer<CatalogService>> c : cases.entrySet()) {
            var before = f.snapshot();
            InventoryException e = assertThrows(InventoryException.class, () -> c.getValue().accept(f.catalog),
                    c.getKey());
            assertTrue(e.getMessage().contains(c.getKey()), "expected '" + c.getKey() + "' in: " + e.getMessage());
            assertEquals(before, f.snapshot(), "nothing may change for: " + c.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void savesAndReadsASkuWithAttributesAndReplacesIt(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        Sku tee = new Sku("TEE-RED-M", "T-shirt red M", "6901234567890", new BigDecimal("59.9"), 180,
                Map.of("size", "M", "colour", "red"), true, List.of(), 5, 3, 100);
        f.catalog.saveSku(tee);

        Sku read = f.catalog.sku("TEE-RED-M").orElseThrow();
        assertEquals(new BigDecimal("59.90"), read.basePrice());
        assertEquals(new Sku("TEE-RED-M", "T-shirt red M", "6901234567890", new BigDecimal("59.90"), 180,
                Map.of("size", "M", "colour", "red"), true, List.of(), 5, 3, 100), read);

        f.catalog.saveSku(Sku.plain("TEE-RED-M", "T-shirt red M (new)", new BigDecimal("49.1234")));
        Sku replaced = f.catalog.sku("TEE-RED-M").orElseThrow();
        assertEquals("T-shirt red M (new)", replaced.name());
        assertNull(replaced.barcode());
        assertEquals(new BigDecimal("49.1234"), replaced.basePrice());
        assertEquals(Map.of(), replaced.attributes());
        assertTrue(f.catalog.sku("NOPE").isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void savingAKitReplacesItsParts(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("A");
        f.plain("B");
        f.plain("C");
        f.kit("K", new KitPart("B", 2), new KitPart("A", 1));
        assertEquals(List.of(new KitPart("A", 1), new KitPart("B", 2)), f.catalog.sku("K").orElseThrow().parts());

        f.kit("K", new KitPart("C", 3));
        assertEquals(List.of(new KitPart("C", 3)), f.catalog.sku("K").orElseThrow().parts());

        f.catalog.saveSku(Sku.plain("K", "no longer a kit", BigDecimal.ONE));
        assertFalse(f.catalog.sku("K").orElseThrow().isKit());
        assertEquals(List.of(), f.snapshot().get("kit_part"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void pagesSkusByCode(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        for (String code : List.of("D", "B", "A", "E", "C")) {
            f.plain(code);
        }
        assertEquals(List.of("A", "B"), f.catalog.skus(null, 2).stream().map(Sku::code).toList());
        assertEquals(List.of("C", "D"), f.catalog.skus("B", 2).stream().map(Sku::code).toList());
        assertEquals(List.of("E"), f.catalog.skus("D", 2).stream().map(Sku::code).toList());
        assertEquals(List.of(), f.catalog.skus("E", 2));
        assertThrows(InventoryException.class, () -> f.catalog.skus(null, 0));
        assertThrows(InventoryException.class, () -> f.catalog.skus(null, 1001));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void refusesBadSkusAndChangesNothing(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("A");
        f.plain("B");
        f.plain("GIFT");
        f.kit("K", new KitPart("A", 1));
        f.catalog.saveGiftRule(new GiftRule("r1", "GIFT", 1, null, null, null, null, null, false));

        Map<String, Consumer<CatalogService>> cases = new LinkedHashMap<>();
        cases.put("code 'A B' must be 1-64 characters without whitespace", c -> c.saveSku(plain("A B")));
        cases.put("code '" + "X".repeat(65) + "'", c -> c.saveSku(plain("X".repeat(65))));
        cases.put("name must not be blank", c -> c.saveSku(Sku.plain("N", " ", BigDecimal.ONE)));
        cases.put("name '", c -> c.saveSku(Sku.plain("N", "n".repeat(257), BigDecimal.ONE)));
        cases.put("barcode '", c -> c.saveSku(sku("N", "n", "9".repeat(65), "1", 0, Map.of(), List.of(), 0, 0, 0)));
        cases.put("base_price -0.01 must not be negative", c -> c.saveSku(Sku.plain("N", "n", new BigDecimal("-0.01"))));
        cases.put("base_price 1.23456 has more than 4 decimals", c -> c.saveSku(Sku.plain("N", "n", new BigDecimal("1.23456"))));
        cases.put("base_price is required", c -> c.saveSku(Sku.plain("N", "n", null)));
        cases.put("weight_g -1 must not be negative", c -> c.saveSku(sku("N", "n", null, "1", -1, Map.of(), List.of(), 0, 0, 0)));
        cases.put("low_stock_threshold -2", c -> c.saveSku(sku("N", "n", null, "1", 0, Map.of(), List.of(), -2, 0, 0)));
        cases.put("presale_threshold -3", c -> c.saveSku(sku("N", "n", null, "1", 0, Map.of(), List.of(), 0, -3, 0)));
        cases.put("presale_quota -4", c -> c.saveSku(sku("N", "n", null, "1", 0, Map.of(), List.of(), 0, 0, -4)));
        cases.put("attribute key 'a=b' must not contain '=' or ';'",
                c -> c.saveSku(sku("N", "n", null, "1", 0, Map.of("a=b", "x"), List.of(), 0, 0, 0)));
        cases.put("attribute size value 'M;L' must not contain '=' or ';'",
                c -> c.saveSku(sku("N", "n", null, "1", 0, Map.of("size", "M;L"), List.of(), 0, 0, 0)));
        // a SKU that exists is updated in place when valid; these try to break "A" and the kit
        cases.put("kit part MISSING does not exist",
                c -> c.saveSku(sku("A", "n", null, "1", 0, Map.of(), List.of(new KitPart("MISSING", 1)), 0, 0, 0)));
        cases.put("kit part K is itself a kit",
                c -> c.saveSku(sku("K2", "n", null, "1", 0, Map.of(), List.of(new KitPart("K", 1)), 0, 0, 0)));
        cases.put("kit K2 cannot contain itself",
                c -> c.saveSku(sku("K2", "n", null, "1", 0, Map.of(), List.of(new KitPart("K2", 1)), 0, 0, 0)));
        cases.put("kit part B quantity 0 must be at least 1",
                c -> c.saveSku(sku("K", "n", null, "1", 0, Map.of(), List.of(new KitPart("B", 0)), 0, 0, 0)));
        cases.put("kit part B is listed twice",
                c -> c.saveSku(sku("K", "n", null, "1", 0, Map.of(), List.of(new KitPart("B", 1), new KitPart("B", 2)), 0, 0, 0)));
        cases.put("A is a part of kit K and cannot become a kit",
                c -> c.saveSku(sku("A", "n", null, "1", 0, Map.of(), List.of(new KitPart("B", 1)), 0, 0, 0)));
        cases.put("GIFT is the gift of gift rule r1 and cannot become a kit",
                c -> c.saveSku(sku("GIFT", "n", null, "1", 0, Map.of(), List.of(new KitPart("B", 1)), 0, 0, 0)));
        assertRefused(f, cases);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void savesMappingsAndRefusesBadOnes(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("A");
        f.plain("B");
        f.catalog.saveMapping(new SkuMapping("tmall", "s2", "T-1", "item-9", "OUT-A", "A", 1));
        f.catalog.saveMapping(new SkuMapping("jd", "s1", "J-1", null, "", "A", 6));
        f.catalog.saveMapping(new SkuMapping("tmall", "s1", "T-1", null, null, "B", 2));
        assertEquals(List.of(new SkuMapping("jd", "s1", "J-1", null, null, "A", 6),
                new SkuMapping("tmall", "s2", "T-1", "item-9", "OUT-A", "A", 1)), f.catalog.mappingsOf("A"));

        f.catalog.saveMapping(new SkuMapping("tmall", "s2", "T-1", null, null, "B", 3));
        assertEquals(List.of(new SkuMapping("jd", "s1", "J-1", null, null, "A", 6)), f.catalog.mappingsOf("A"));
        assertEquals(2, f.catalog.mappingsOf("B").size());

        Map<String, Consumer<CatalogService>> cases = new LinkedHashMap<>();
        cases.put("channel must not be blank", c -> c.saveMapping(new SkuMapping(" ", "s", "X", null, null, "A", 1)));
        cases.put("shop must not be blank", c -> c.saveMapping(new SkuMapping("jd", null, "X", null, null, "A", 1)));
        cases.put("channel_sku must not be blank", c -> c.saveMapping(new SkuMapping("jd", "s", "", null, null, "A", 1)));
        cases.put("is 65 characters long, at most 64",
                c -> c.saveMapping(new SkuMapping("c".repeat(65), "s", "X", null, null, "A", 1)));
        cases.put("outer_code '", c -> c.saveMapping(new SkuMapping("jd", "s", "X", null, "o".repeat(129), "A", 1)));
        cases.put("master_sku 'NOPE' does not exist", c -> c.saveMapping(new SkuMapping("jd", "s", "X", null, null, "NOPE", 1)));
        cases.put("master_sku is required", c -> c.saveMapping(new SkuMapping("jd", "s", "X", null, null, null, 1)));
        cases.put("factor 0 must be at least 1", c -> c.saveMapping(new SkuMapping("jd", "s1", "J-1", null, null, "A", 0)));
        assertRefused(f, cases);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void savesGiftRulesAndRefusesBadOnes(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        f.plain("MAIN");
        f.plain("GIFT");
        f.plain("P");
        f.kit("KIT", new KitPart("P", 2));
        Instant from = Instant.parse("2024-06-01T00:00:00Z");
        Instant to = Instant.parse("2024-06-30T16:00:00Z");
        GiftRule full = new GiftRule("r2", "GIFT", 2, "MAIN", new BigDecimal("199"), "tmall", from, to, true);
        f.catalog.saveGiftRule(full);
        f.catalog.saveGiftRule(new GiftRule("r1", "GIFT", 1, null, null, "", null, null, false));
        assertEquals(List.of(new GiftRule("r1", "GIFT", 1, null, null, null, null, null, false),
                new GiftRule("r2", "GIFT", 2, "MAIN", new BigDecimal("199.00"), "tmall", from, to, true)),
                f.catalog.giftRules());

        Map<String, Consumer<CatalogService>> cases = new LinkedHashMap<>();
        cases.put("id must not be blank", c -> c.saveGiftRule(new GiftRule(" ", "GIFT", 1, null, null, null, null, null, false)));
        cases.put("gift_sku 'NOPE' does not exist", c -> c.saveGiftRule(new GiftRule("r1", "NOPE", 1, null, null, null, null, null, false)));
        cases.put("gift_sku 'KIT' is a kit", c -> c.saveGiftRule(new GiftRule("r1", "KIT", 1, null, null, null, null, null, false)));
        cases.put("main_sku 'NOPE' does not exist", c -> c.saveGiftRule(new GiftRule("r1", "GIFT", 1, "NOPE", null, null, null, null, false)));
        cases.put("quantity 0 must be at least 1", c -> c.saveGiftRule(new GiftRule("r1", "GIFT", 0, null, null, null, null, null, false)));
        cases.put("min_amount -1 must not be negative",
                c -> c.saveGiftRule(new GiftRule("r1", "GIFT", 1, null, new BigDecimal("-1"), null, null, null, false)));
        cases.put("valid_from 2024-06-30T16:00:00Z must be before valid_to 2024-06-01T00:00:00Z",
                c -> c.saveGiftRule(new GiftRule("r1", "GIFT", 1, null, null, null, to, from, false)));
        assertRefused(f, cases);
    }
}
