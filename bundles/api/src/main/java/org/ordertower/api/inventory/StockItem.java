package org.ordertower.api.inventory;

/**
 * A quantity of one SKU, as asked for in a reservation.
 *
 * @param sku a master SKU; a kit is expanded into its parts by the inventory
 * @param quantity units, at least 1
 */
public record StockItem(String sku, int quantity) {
}
