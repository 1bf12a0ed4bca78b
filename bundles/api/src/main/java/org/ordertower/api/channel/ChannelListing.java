package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Comparator;

/**
 * One listing of a shop as OrderTower keeps it, with its match to the master catalog.
 *
 * @param channel the channel id
 * @param shop the shop
 * @param itemId the platform's item id
 * @param skuId the platform's SKU id
 * @param outerCode the merchant's outer code on the platform, null when none
 * @param title the title on the platform
 * @param quantity the quantity the platform showed at the last download, null when unknown
 * @param masterSku the master SKU it is matched to (the master SKU whose code equals the outer code), null when
 *     unmatched
 * @param problem why it is unmatched (no outer code, no master SKU with that code), null when matched
 * @param seenAt when a download last saw it
 */
public record ChannelListing(String channel, String shop, String itemId, String skuId, String outerCode, String title,
        Integer quantity, String masterSku, String problem, Instant seenAt) {
    /**
     * The order of a listing's key, which is unique: channel, shop, then the platform's SKU id (a shop keeps one listing
     * per SKU id).
     *
     * @since 4.2
     */
    public static final Comparator<ChannelListing> KEY_ORDER = Comparator.comparing(ChannelListing::channel,
            Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(ChannelListing::shop, Comparator.nullsFirst(Comparator.<String>naturalOrder()))
            .thenComparing(ChannelListing::skuId, Comparator.nullsFirst(Comparator.<String>naturalOrder()));

    /** True when it is matched to a master SKU. */
    public boolean matched() {
        return masterSku != null;
    }
}
