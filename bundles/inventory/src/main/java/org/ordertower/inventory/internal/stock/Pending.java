package org.ordertower.inventory.internal.stock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ordertower.api.inventory.ReservationResult;

/**
 * A validated reservation waiting for its batch.
 *
 * @param reference the idempotency key
 * @param channel the order's channel, may be null
 * @param items units per plain master SKU (kits already expanded), in first-seen order
 * @param warehouses allowed warehouses in order of preference; empty for any
 */
record Pending(String reference, String channel, LinkedHashMap<String, Integer> items, List<String> warehouses,
        CompletableFuture<ReservationResult> result) {
}
