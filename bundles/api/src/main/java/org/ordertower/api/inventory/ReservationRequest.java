package org.ordertower.api.inventory;

import java.util.List;

/**
 * Reserve every item of one order, all or nothing.
 *
 * @param reference the idempotency key, usually {@code order-<id>}; a second request with the same
 *     reference reserves nothing more and answers {@link ReservationResult.Status#ALREADY_RESERVED}
 * @param channel the channel the order came from (for statistics and forecasts), may be null
 * @param items what to reserve, at least one; the same SKU may appear more than once
 * @param warehouses warehouses allowed, in order of preference; empty means any, by priority
 */
public record ReservationRequest(String reference, String channel, List<StockItem> items, List<String> warehouses) {

    public ReservationRequest {
        items = items == null ? List.of() : List.copyOf(items);
        warehouses = warehouses == null ? List.of() : List.copyOf(warehouses);
    }
}
