package org.ordertower.channel.taobao.internal;

import java.time.Instant;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;

/**
 * Where a backwards pull of one window stands: the window, the next page to read (counting down to 1) and the total
 * TOP reported when the window was first counted. Text form {@code tb1.<fromMillis>.<toMillis>.<page>.<total>}.
 */
record TaobaoPageToken(Instant from, Instant to, int page, int total) {
    private static final String PREFIX = "tb1.";

    String text() {
        return PREFIX + from.toEpochMilli() + "." + to.toEpochMilli() + "." + page + "." + total;
    }

    /** Parses a token this connector issued for the window {@code [from, to)}. */
    static TaobaoPageToken parse(String text, Instant from, Instant to) {
        String[] parts = text.startsWith(PREFIX) ? text.substring(PREFIX.length()).split("\\.") : new String[0];
        try {
            if (parts.length == 4) {
                TaobaoPageToken t = new TaobaoPageToken(Instant.ofEpochMilli(Long.parseLong(parts[0])),
                        Instant.ofEpochMilli(Long.parseLong(parts[1])), Integer.parseInt(parts[2]), Integer.parseInt(parts[3]));
                if (t.from.equals(from) && t.to.equals(to) && t.page >= 1 && t.total >= 0) {
                    return t;
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ChannelException(Kind.PERMANENT, "'" + text + "' is not a Taobao page token of the window " + from + " .. " + to);
    }
}
