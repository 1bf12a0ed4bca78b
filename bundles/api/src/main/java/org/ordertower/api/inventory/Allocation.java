package org.ordertower.api.inventory;

/**
 * Units of one SKU held in one warehouse for a reservation.
 *
 * @param sku the master SKU
 * @param warehouse the warehouse id
 * @param quantity units, at least 1
 */
public record Allocation(String sku, String warehouse, int quantity) {
}
