package org.ordertower.api.inventory;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A master SKU of the merchant's catalog. Immutable.
 *
 * @param code the merchant's SKU code, unique, 1-64 characters without whitespace
 * @param name display name, never blank
 * @param barcode EAN/UPC or the merchant's own, may be null
 * @param basePrice list price of one unit, never negative
 * @param weightGrams shipping weight of one unit in grams, never negative
 * @param attributes free attributes such as colour and size, never null (may be empty)
 * @param coldChain true when the goods must travel refrigerated (they ship alone)
 * @param parts for a kit or combo, the master SKUs it is made of; empty for a plain SKU. A kit holds
 *     no stock of its own: its sellable stock is what its parts allow
 * @param lowStockThreshold sellable units under which a low-stock forecast is made; 0 turns it off
 * @param presaleThreshold when sellable stock falls under this, the SKU is offered to channels as
 *     presale with {@code presaleQuota} units instead of going to 0; 0 turns presale off
 * @param presaleQuota units offered as presale while under {@code presaleThreshold}
 */
public record Sku(String code, String name, String barcode, BigDecimal basePrice, int weightGrams,
        Map<String, String> attributes, boolean coldChain, List<KitPart> parts, int lowStockThreshold,
        int presaleThreshold, int presaleQuota) {

    public Sku {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        parts = parts == null ? List.of() : List.copyOf(parts);
    }

    /** A plain SKU with no attributes, kit parts, thresholds or presale. */
    public static Sku plain(String code, String name, BigDecimal basePrice) {
        return new Sku(code, name, null, basePrice, 0, Map.of(), false, List.of(), 0, 0, 0);
    }

    public boolean isKit() {
        return !parts.isEmpty();
    }
}
