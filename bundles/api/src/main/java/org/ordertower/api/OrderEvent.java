package org.ordertower.api;

import java.time.Instant;

/**
 * An event published after a committed order change (through the outbox, at least once). Consumers
 * deduplicate on {@code eventId}. Carries no buyer data; read the order for that.
 *
 * @param eventId unique id of this event
 * @param type what happened
 * @param orderId the order
 * @param channel channel id
 * @param shop shop
 * @param platformOrderId the platform's order id
 * @param status status after the change
 * @param previousStatus status before the change, null for {@link Type#CREATED}
 * @param revision order revision after the change
 * @param at commit time
 */
public record OrderEvent(String eventId, Type type, long orderId, String channel, String shop,
        String platformOrderId, OrderStatus status, OrderStatus previousStatus, int revision, Instant at) {

    public enum Type {
        /** A new order was stored. */
        CREATED,
        /** A newer platform version changed the order's content. */
        UPDATED,
        /** The lifecycle status changed. */
        STATUS_CHANGED
    }
}
