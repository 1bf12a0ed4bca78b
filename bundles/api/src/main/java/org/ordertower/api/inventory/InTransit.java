package org.ordertower.api.inventory;

import java.time.LocalDate;

/**
 * Stock on its way to a warehouse: shown, never sellable until received.
 *
 * @param id the entry's id (assigned by the inventory)
 * @param sku the master SKU
 * @param warehouse the destination warehouse
 * @param quantity units, at least 1
 * @param kind a transfer between warehouses or an inbound delivery from a supplier
 * @param expected the expected arrival date, may be null
 * @param reference the transfer or purchase document
 */
public record InTransit(long id, String sku, String warehouse, int quantity, Kind kind, LocalDate expected,
        String reference) {

    public enum Kind {
        TRANSFER, INBOUND
    }
}
