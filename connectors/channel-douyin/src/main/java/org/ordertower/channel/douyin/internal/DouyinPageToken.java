package org.ordertower.channel.douyin.internal;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ordertower.api.channel.ChannelException;

/**
 * Where a pull of one window stands: order.searchList is asked again from {@code second} (the update time
 * of the last order handed out, inclusive) at {@code page}, skipping the ids already handed out at that
 * second. Restarting from the last update time rather than from page n keeps paging exact while orders
 * change under it: an order updated during the pull leaves the window (its new update time is later) and
 * would shift plain page offsets. Text form: {@code dy1:<second>:<page>:<id,id,...>}.
 */
record DouyinPageToken(long second, int page, Set<String> seen) {
    private static final Pattern FORM = Pattern.compile("dy1:(\\d{1,12}):(\\d{1,6}):([0-9A-Za-z_,-]{0,200000})");

    DouyinPageToken {
        seen = Set.copyOf(seen);
    }

    static DouyinPageToken first(Instant from) {
        return new DouyinPageToken(from.getEpochSecond(), 0, Set.of());
    }

    /**
     * @throws ChannelException PERMANENT when the text is not a token of this window
     */
    static DouyinPageToken parse(String text, Instant from, Instant to) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin: '" + abbreviate(text) + "' is not a page token");
        }
        long second = Long.parseLong(m.group(1));
        if (second < from.getEpochSecond() || second > ceilSecond(to)) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "douyin: page token at " + second + " lies outside the window " + from + " .. " + to);
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : m.group(3).split(",")) {
            if (!id.isEmpty()) {
                ids.add(id);
            }
        }
        return new DouyinPageToken(second, Integer.parseInt(m.group(2)), ids);
    }

    /** The token after a full page whose last order was updated at {@code lastSecond}. */
    DouyinPageToken next(long lastSecond, List<String> idsAtLastSecond) {
        if (lastSecond > second) {
            return new DouyinPageToken(lastSecond, 0, new LinkedHashSet<>(idsAtLastSecond));
        }
        Set<String> all = new LinkedHashSet<>(seen);
        all.addAll(idsAtLastSecond);
        return new DouyinPageToken(second, page + 1, all);
    }

    String text() {
        return "dy1:" + second + ":" + page + ":" + String.join(",", seen);
    }

    static long ceilSecond(Instant t) {
        return t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
