package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * The quantity to set for one listing on a platform.
 *
 * @param shop the shop id within the channel
 * @param channelSku the platform's SKU id
 * @param itemId the platform's item id, may be null
 * @param outerCode the merchant's outer code on the platform, may be null
 * @param masterSku the master SKU behind the listing
 * @param quantity the absolute quantity to set, at least 0 (already divided by the mapping's factor)
 * @param presale true when the units are offered as presale
 * @param changedAt when the stock change that caused this push was committed
 */
public record StockUpdate(String shop, String channelSku, String itemId, String outerCode, String masterSku,
        int quantity, boolean presale, Instant changedAt) {
}
