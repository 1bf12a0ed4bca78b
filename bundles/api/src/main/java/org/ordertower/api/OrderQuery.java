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
 * @param after a cursor: only orders after this id in the list's order (below it newest first, above it oldest
 *     first), with {@code page} 1; null for none. Unlike pages, a cursor does not shift when orders arrive meanwhile.
 */
public record OrderQuery(OrderStatus status, String channel, String shop, int page, int size, boolean oldestFirst,
        Long after) {
    public static final int MAX_SIZE = 500;

    /** Newest first, as most consoles list. */
    public OrderQuery(OrderStatus status, String channel, String shop, int page, int size) {
        this(status, channel, shop, page, size, false, null);
    }

    public OrderQuery(OrderStatus status, String channel, String shop, int page, int size, boolean oldestFirst) {
        this(status, channel, shop, page, size, oldestFirst, null);
    }

    public OrderQuery {
        if (page < 1) {
            throw new IllegalArgumentException("page must be 1 or more, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("page size must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if (after != null && page != 1) {
            throw new IllegalArgumentException("a cursor (after) starts its own pages: page must be 1 with it");
        }
    }

    public static OrderQuery all() {
        return new OrderQuery(null, null, null, 1, 50);
    }
}
