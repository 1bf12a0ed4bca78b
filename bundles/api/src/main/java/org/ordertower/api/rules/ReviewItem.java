package org.ordertower.api.rules;

import java.time.Instant;

import org.ordertower.api.Order;

/**
 * An order waiting for a person in the review queue.
 *
 * @param order the order (IN_REVIEW or FROZEN)
 * @param reason why it waits: the reason of its move into the queue (the rules' evidence, an unmapped SKU, ...)
 * @param since when it moved into the queue
 * @param claimedBy who is working on it, or null
 * @param claimedAt when it was claimed, or null
 */
public record ReviewItem(Order order, String reason, Instant since, String claimedBy, Instant claimedAt) {
}
