package org.ordertower.api.inventory;

import java.time.Instant;

/**
 * A SKU that will run out: sellable stock is under its threshold and the demand forecast for the next
 * 24 hours exceeds it.
 *
 * @param at when it was raised
 * @param sku the master SKU
 * @param sellable sellable units then
 * @param threshold the SKU's low-stock threshold
 * @param forecast24h units expected to be ordered in the next 24 hours at the recent rate
 */
public record StockAlert(Instant at, String sku, int sellable, int threshold, double forecast24h) {
}
