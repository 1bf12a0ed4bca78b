package org.ordertower.fulfilment.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Tags;

/**
 * Which parcels may share a box, pure: the key orders of one buyer and address share, and the reasons a parcel
 * never shares one.
 */
final class Merging {
    static final String NO_MERGE_TAG = Tags.NO_MERGE;
    private static final Pattern NON_DIGITS = Pattern.compile("[^0-9]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Merging() {
    }

    /**
     * The key orders must share to ship in one box: the shop, the buyer (the platform's buyer id, else the phone)
     * and the delivery address, normalized (province by its short name, no spaces, no case), as a SHA-256 digest
     * so that no address is stored again in clear. Null when the order names no buyer or no address, or only a
     * masked phone.
     */
    static String mergeKey(NormalizedOrder o) {
        if (o.buyer() == null || o.address() == null) {
            return null;
        }
        String buyer = o.buyer().platformBuyerId() != null && !o.buyer().platformBuyerId().isBlank()
                ? "id:" + o.buyer().platformBuyerId().strip()
                : o.buyer().phone() != null && o.buyer().phone().matches("[+0-9 -]{5,}")
                        ? "tel:" + NON_DIGITS.matcher(o.buyer().phone()).replaceAll("") : null;
        var a = o.address();
        if (buyer == null || a.detail() == null || a.detail().isBlank()) {
            return null;
        }
        StringBuilder b = new StringBuilder().append(o.channel()).append('\n').append(o.shop()).append('\n')
                .append(buyer);
        for (String part : new String[] { a.country() == null || a.country().isBlank() ? "CN" : a.country(),
                Geo.shortName(a.province()), a.city(), a.district(), a.street(), a.detail(), a.postcode() }) {
            b.append('\n').append(part == null ? "" : SPACES.matcher(part).replaceAll("").toLowerCase(Locale.ROOT));
        }
        return Digests.sha256Hex(b.toString());
    }

    /** Why a parcel of this order may never share a box, or null when it may. */
    static String noMerge(NormalizedOrder o, Routing.Planned p, Routing.Consolidation c) {
        if (!c.merge()) {
            return "merging is off";
        }
        if (p.coldChain()) {
            return "cold-chain goods ship alone";
        }
        if (Routing.crossBorder(o)) {
            return "cross-border";
        }
        if (o.tags().stream().anyMatch(t -> t.equalsIgnoreCase(NO_MERGE_TAG))) {
            return "tag " + NO_MERGE_TAG;
        }
        if (!p.transfers().isEmpty()) {
            return "waits for a transfer";
        }
        return null;
    }
}
