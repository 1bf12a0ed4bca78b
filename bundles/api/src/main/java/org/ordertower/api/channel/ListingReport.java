package org.ordertower.api.channel;

/**
 * What one download of a shop's listings found.
 *
 * @param channel the channel id
 * @param shop the shop
 * @param pages pages read
 * @param listings listings on the platform
 * @param matched listings matched to a master SKU
 * @param unmatched listings without a match (reported, never guessed)
 * @param added listings new since the last download
 * @param removed listings gone from the platform since the last download
 * @param mappingsSaved catalog mappings created or updated from matched listings
 */
public record ListingReport(String channel, String shop, int pages, int listings, int matched, int unmatched, int added,
        int removed, int mappingsSaved) {
}
