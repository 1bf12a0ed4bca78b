package org.ordertower.api;

/**
 * Filters for listing orders; null filters match everything. Results are newest first, or oldest first.
 *
 * @param status only orders in this status
 * @param channel only this channel
 * @param shop only this shop
 * @param page page number from 1
 * @param size page size, 1 to {@link #MAX_SIZE}
 * @param oldestFirst the oldest orders first (a queue worked from its head)
 */
public record OrderQuery(OrderStatus status, String channel, String shop, int page, int size, boolean oldestFirst) {
    public static final int MAX_SIZE = 500;

    /** Newest first, as most consoles list. */
    public OrderQuery(OrderStatus status, String channel, String shop, int page, int size) {
        this(status, channel, shop, page, size, false);
    }

    public OrderQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
    }

    public static OrderQuery all() {
        return new OrderQuery(null, null, null, 1, 50);
    }
}
