package org.ordertower.api.inventory;

/**
 * One part of a kit or combo.
 *
 * @param sku the master SKU of the part (a plain SKU, never another kit)
 * @param quantity units of the part in one kit, at least 1
 */
public record KitPart(String sku, int quantity) {
}
