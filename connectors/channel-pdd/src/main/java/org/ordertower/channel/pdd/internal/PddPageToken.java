package org.ordertower.channel.pdd.internal;

import org.ordertower.channel.pdd.internal.api.PddJson;

/**
 * Where a window's backwards paging stands: {@code pdd1:<start>:<end>:<page>:<total>} with the window as sent
 * (UNIX seconds, both ends inclusive), the page to read next and the total the first page reported.
 */
record PddPageToken(long start, long end, int page, int total) {
    private static final String PREFIX = "pdd1:";

    String encode() {
        return PREFIX + start + ":" + end + ":" + page + ":" + total;
    }

    /** @throws org.ordertower.api.channel.ChannelException PERMANENT for a token this connector did not issue */
    static PddPageToken decode(String token) {
        String[] p = token.startsWith(PREFIX) ? token.substring(PREFIX.length()).split(":") : new String[0];
        try {
            if (p.length == 4) {
                PddPageToken t = new PddPageToken(Long.parseLong(p[0]), Long.parseLong(p[1]), Integer.parseInt(p[2]),
                        Integer.parseInt(p[3]));
                if (t.page >= 1 && t.total >= 0 && t.end >= t.start) {
                    return t;
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the refusal
        }
        throw PddJson.permanent("page token '" + token + "' was not issued by this connector", null);
    }
}
