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
 * @param rateLimited calls for this shop refused for their rate since this node started: by the platform (its
 *     throttling answer) or by the app's own rate limiter before the call
 * @param pushes stock pushes to this shop since this node started (accepted or not)
 * @param pushFailures of those, pushes the platform did not accept
 * @param pushesPerMinute stock pushes a minute over the last ten minutes
 */
public record ShopStatus(String channel, String shop, Set<ChannelConnector.Capability> capabilities, boolean owned,
        Instant cursor, String page, Instant lastPullAt, Instant caughtUpTo, long ordersPulled, long eventsReceived,
        String lastError, Instant lastErrorAt, long rateLimited, long pushes, long pushFailures, double pushesPerMinute) {
    public ShopStatus {
        capabilities = Set.copyOf(capabilities);
    }

    /** A shop that met no rate limit. */
    public ShopStatus(String channel, String shop, Set<ChannelConnector.Capability> capabilities, boolean owned,
            Instant cursor, String page, Instant lastPullAt, Instant caughtUpTo, long ordersPulled, long eventsReceived,
            String lastError, Instant lastErrorAt) {
        this(channel, shop, capabilities, owned, cursor, page, lastPullAt, caughtUpTo, ordersPulled, eventsReceived,
                lastError, lastErrorAt, 0, 0, 0, 0);
    }
}
