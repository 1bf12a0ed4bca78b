package org.ordertower.shell.channel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How channel commands print times: UTC to the second, {@code -} for none. */
final class ChannelFormat {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ChannelFormat() {
    }

    static String time(Instant t) {
        return t == null ? "-" : TIME.format(t);
    }
}
