package org.ordertower.api.channel;

import java.util.Objects;

/**
 * One listing (a SKU of an item on sale) of a shop, as the platform's item API returns it.
 *
 * @param itemId the platform's item (product, goods, ware) id, never blank
 * @param skuId the platform's SKU id; for an item without SKUs, the item id again
 * @param outerCode the merchant's outer code on the SKU (or on the item when the SKU has none), null when the
 *     merchant set none: such a listing cannot be matched to a master SKU and is reported
 * @param title the item's title (and the SKU's properties)
 * @param quantity the quantity the platform shows, null when the call does not return it
 */
public record Listing(String itemId, String skuId, String outerCode, String title, Integer quantity) {
    public Listing {
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(skuId, "skuId");
        if (itemId.isBlank() || skuId.isBlank()) {
            throw new IllegalArgumentException("a listing needs an item id and a SKU id");
        }
        outerCode = outerCode == null || outerCode.isBlank() ? null : outerCode.strip();
        title = title == null ? "" : title;
    }
}
