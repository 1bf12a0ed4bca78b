package org.ordertower.api.inventory;

/**
 * How one shop of one channel names a master SKU. Immutable.
 *
 * @param channel the channel id (for example {@code taobao})
 * @param shop the shop id within the channel
 * @param channelSku the SKU id the platform puts on order lines; the key of the mapping
 * @param itemId the platform's item (product) id, needed by some platforms' stock calls; may be null
 * @param outerCode the merchant's outer code as set on the platform; order lines carrying it instead
 *     of the SKU id are matched by it; may be null
 * @param masterSku the master SKU (plain or kit) this channel SKU sells
 * @param factor master units per channel unit (a "pack of 6" listing has factor 6), at least 1
 */
public record SkuMapping(String channel, String shop, String channelSku, String itemId, String outerCode,
        String masterSku, int factor) {
}
