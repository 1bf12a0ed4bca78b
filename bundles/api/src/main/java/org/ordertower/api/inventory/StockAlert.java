package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * A SKU that will run out: sellable stock is under its threshold and the demand forecast for the next
 * 24 hours exceeds it.
 *
 * @param id the alert's id, higher for newer alerts (the cursor of {@link InventoryService#alerts(Long, int)}); 0 when
 *     not stored yet (since 1.4)
 * @param at when it was raised
 * @param sku the master SKU
 * @param sellable sellable units then
 * @param threshold the SKU's low-stock threshold
 * @param forecast24h units expected to be ordered in the next 24 hours at the recent rate
 */
public record StockAlert(long id, Instant at, String sku, int sellable, int threshold, double forecast24h) {
    /** An alert not stored yet (id 0), as before 1.4. */
    public StockAlert(Instant at, String sku, int sellable, int threshold, double forecast24h) {
        this(0, at, sku, sellable, threshold, forecast24h);
    }
}
