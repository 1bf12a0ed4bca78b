package org.ordertower.api.inventory;

/**
 * A SKU a reservation could not get enough of.
 *
 * @param sku the master SKU
 * @param requested units the reservation needed
 * @param available sellable units in the allowed warehouses when it was decided
 */
public record Shortage(String sku, int requested, int available) {
}
