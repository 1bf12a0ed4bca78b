package org.ordertower.api.inventory;

import org.ordertower.api.OrderTowerException;

/**
 * A stock or catalog operation refused as asked: unknown SKU or warehouse, a quantity that is not
 * positive, a release of nothing reserved, an adjustment that would leave counters inconsistent.
 * Nothing was changed.
 */
public class InventoryException extends OrderTowerException {
    private static final long serialVersionUID = 1L;

    public InventoryException(String message) {
        super(message);
    }
}
