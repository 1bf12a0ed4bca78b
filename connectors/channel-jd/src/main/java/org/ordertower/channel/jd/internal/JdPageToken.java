package org.ordertower.channel.jd.internal;

import java.time.Instant;

import org.ordertower.channel.jd.internal.api.JdWire;

/**
 * Where the backwards paging of one window stands: {@code jd1.<start>.<end>.<page>.<total>}, the window as sent
 * (epoch seconds, both ends inclusive as JD reads start_date and end_date), the page to read next and the
 * orderTotal the window had when paging began.
 */
record JdPageToken(long start, long end, int page, int total) {
    private static final String MARK = "jd1";

    String encode() {
        return String.join(".", MARK, Long.toString(start), Long.toString(end), Integer.toString(page),
                Integer.toString(total));
    }

    boolean covers(Instant windowStart, Instant windowEnd) {
        return windowStart.getEpochSecond() == start && windowEnd.getEpochSecond() == end;
    }

    /** @throws org.ordertower.api.channel.ChannelException PERMANENT for text this connector did not write */
    static JdPageToken decode(String text) {
        String[] part = text == null ? new String[0] : text.split("\\.", -1);
        if (part.length == 5 && MARK.equals(part[0])) {
            try {
                JdPageToken t = new JdPageToken(Long.parseLong(part[1]), Long.parseLong(part[2]), Integer.parseInt(part[3]),
                        Integer.parseInt(part[4]));
                if (t.start <= t.end && t.page >= 1 && t.total >= 0) {
                    return t;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw JdWire.failure("page token '" + text + "' was not issued by this connector", null);
    }
}
