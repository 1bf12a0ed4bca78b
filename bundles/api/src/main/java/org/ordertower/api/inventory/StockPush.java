package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * One attempt to push a quantity to a channel.
 *
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
public record StockPush(Instant at, String channel, String shop, String channelSku, int quantity, boolean presale,
        boolean ok, String error, int attempt, long lagMillis) {
}
