package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * Units a warehouse received back, as inspected.
 *
 * @param sku the master SKU
 * @param quantity units, at least 1
 * @param damaged true for goods that cannot be sold again (they go to quarantine, not back to stock)
 */
public record ReceivedLine(String sku, int quantity, boolean damaged) {
    public ReceivedLine {
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity + " for " + sku);
        }
    }
}
