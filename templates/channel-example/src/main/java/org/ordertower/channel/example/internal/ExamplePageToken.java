package org.ordertower.channel.example.internal;

import java.time.Instant;

import org.ordertower.channel.example.internal.api.ExampleWire;

/**
 * Where the paging of one window stands: {@code example1.<from>.<to>.<cursor>}, the window as sent (epoch
 * milliseconds) and the platform's {@code next_cursor}, kept as it came (opaque, it may hold dots).
 */
record ExamplePageToken(long from, long to, String cursor) {
    private static final String MARK = ExampleConstants.CHANNEL + "1";

    String encode() {
        return String.join(".", MARK, Long.toString(from), Long.toString(to), cursor);
    }

    boolean covers(Instant windowFrom, Instant windowTo) {
        return windowFrom.toEpochMilli() == from && windowTo.toEpochMilli() == to;
    }

    /** @throws org.ordertower.api.channel.ChannelException PERMANENT for text this connector did not write */
    static ExamplePageToken decode(String text) {
        String[] part = text == null ? new String[0] : text.split("\\.", 4);
        if (part.length == 4 && MARK.equals(part[0]) && !part[3].isEmpty()) {
            try {
                ExamplePageToken t = new ExamplePageToken(Long.parseLong(part[1]), Long.parseLong(part[2]), part[3]);
                if (t.from < t.to) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw ExampleWire.failure("page token '" + text + "' was not issued by this connector", null);
    }
}
