package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * One attempt to push a quantity to a channel.
 *
 * @param id the attempt's number on the node that made it, counted up from 1 while the node runs (newer attempts have
 *     higher numbers; the cursor of {@link InventoryService#recentPushes(Long, boolean, int)}); 0 when not numbered yet
 *     (since 1.4)
 * @param at when the attempt finished
 * @param channel the channel id
 * @param shop the shop id
 * @param channelSku the platform's SKU id
 * @param quantity the quantity sent
 * @param presale whether it was offered as presale
 * @param ok true when the platform accepted it
 * @param error the failure, or null
 * @param attempt 1 for the first try, more for retries
 * @param lagMillis from the committed stock change to the end of the attempt
 */
public record StockPush(long id, Instant at, String channel, String shop, String channelSku, int quantity,
        boolean presale, boolean ok, String error, int attempt, long lagMillis) {
    /** An attempt not numbered yet (id 0), as before 1.4. */
    public StockPush(Instant at, String channel, String shop, String channelSku, int quantity, boolean presale, boolean ok,
            String error, int attempt, long lagMillis) {
        this(0, at, channel, shop, channelSku, quantity, presale, ok, error, attempt, lagMillis);
    }

    /**
     * This attempt numbered {@code id}.
     *
     * @since 1.4
     */
    public StockPush withId(long id) {
        return new StockPush(id, at, channel, shop, channelSku, quantity, presale, ok, error, attempt, lagMillis);
    }
}
