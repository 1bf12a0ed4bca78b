package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * Units of one master SKU in a parcel (or a delivery, return or receipt).
 *
 * @param lineNo the line number within the document, unique in it (for the WMS's own line matching)
 * @param sku the master SKU (never a kit: kits are expanded before they reach a warehouse)
 * @param name the goods' name, for labels; may be null
 * @param quantity units, at least 1
 */
public record ParcelLine(String lineNo, String sku, String name, int quantity) {
    public ParcelLine {
        Objects.requireNonNull(lineNo, "lineNo");
        Objects.requireNonNull(sku, "sku");
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1, was " + quantity + " for " + sku);
        }
    }
}
