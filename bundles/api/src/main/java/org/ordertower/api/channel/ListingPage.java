package org.ordertower.api.channel;

import java.util.List;

/**
 * One page of a shop's listings.
 *
 * @param listings the listings on this page
 * @param next the token of the next page, null on the last page
 */
public record ListingPage(List<Listing> listings, String next) {
    public ListingPage {
        listings = List.copyOf(listings);
    }
}
