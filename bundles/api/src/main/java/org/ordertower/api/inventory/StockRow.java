package org.ordertower.api.inventory;

/**
 * The counters of one SKU in one warehouse.
 *
 * @param sku the master SKU
 * @param warehouse the warehouse id
 * @param onHand units physically there (reserved ones included)
 * @param reserved units held for orders not yet shipped
 * @param safety units never sold
 * @param quarantine damaged returns, not on hand and not sellable
 */
public record StockRow(String sku, String warehouse, int onHand, int reserved, int safety, int quarantine) {

    /** on hand - reserved - safety, never below 0. */
    public int sellable() {
        return Math.max(0, onHand - reserved - safety);
    }
}
