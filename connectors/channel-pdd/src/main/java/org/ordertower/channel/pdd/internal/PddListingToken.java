package org.ordertower.channel.pdd.internal;

import org.ordertower.channel.pdd.internal.api.PddJson;

/**
 * Where a listing download stands: {@code pddl1:<page>:<page size>}, the {@code pdd.goods.list.get} page to read
 * next (from 1) and the page size the download started with (so a changed setting cannot skip goods).
 */
record PddListingToken(int page, int pageSize) {
    private static final String PREFIX = "pddl1:";

    String encode() {
        return PREFIX + page + ":" + pageSize;
    }

    /** @throws org.ordertower.api.channel.ChannelException PERMANENT for a token this connector did not issue */
    static PddListingToken decode(String token) {
        String[] p = token.startsWith(PREFIX) ? token.substring(PREFIX.length()).split(":", -1) : new String[0];
        try {
            if (p.length == 2) {
                PddListingToken t = new PddListingToken(Integer.parseInt(p[0]), Integer.parseInt(p[1]));
                if (t.page >= 2 && t.pageSize >= 1 && t.pageSize <= PddConstants.MAX_PAGE_SIZE) {
                    return t;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw PddJson.permanent("listing page token '" + token + "' was not issued by this connector", null);
    }
}
