package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Set;

/**
 * One shop's state in the channel runtime.
 *
 * @param channel the channel id
 * @param shop the shop
 * @param capabilities what its connector can do
 * @param owned true when this node holds the shop's lease (pulls it and consumes its messages)
 * @param cursor where the next pull window starts, null before the first pull
 * @param page the page token of an unfinished window, null when none
 * @param lastPullAt when a pull last finished, null if never
 * @param caughtUpTo the end of the last window pulled completely, null if none
 * @param ordersPulled orders stored from pulls since this node started
 * @param eventsReceived push or message events stored since this node started
 * @param lastError the last error (kind and message, no secrets), null when the last run was clean
 * @param lastErrorAt when it happened
 */
public record ShopStatus(String channel, String shop, Set<ChannelConnector.Capability> capabilities, boolean owned,
        Instant cursor, String page, Instant lastPullAt, Instant caughtUpTo, long ordersPulled, long eventsReceived,
        String lastError, Instant lastErrorAt) {
    public ShopStatus {
        capabilities = Set.copyOf(capabilities);
    }
}
