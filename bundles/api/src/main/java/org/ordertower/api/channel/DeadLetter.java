package org.ordertower.api.channel;

import java.time.Instant;

/**
 * A payload or event the channel runtime could not turn into an order, kept with its reason. The raw
 * payload stays in the database for a replay once the mapping is fixed.
 *
 * @param id its id
 * @param channel the channel
 * @param shop the shop
 * @param source {@code pull}, {@code push} or {@code message}
 * @param platformOrderId the order it concerns, may be null when the payload did not say
 * @param reason why, one sentence
 * @param at when
 */
public record DeadLetter(long id, String channel, String shop, String source, String platformOrderId, String reason,
        Instant at) {
}
