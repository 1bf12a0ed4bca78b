package org.ordertower.core.spi;

import java.util.List;

import org.ordertower.api.Order;

/**
 * Which warehouses an order's stock is reserved in, in order of preference (routing's first decision). Fulfilment
 * offers it to the core's pipeline through {@link OrderLedger#warehousePreference}.
 */
public interface WarehousePreference {
    /** Any warehouse, by the inventory's own priorities. */
    WarehousePreference ANY = o -> new Choice(List.of(), null);

    /**
     * @param warehouses warehouse ids in order of preference; empty for any
     * @param reason why, for the audit trail; null when there is nothing to say
     */
    record Choice(List<String> warehouses, String reason) {
    }

    Choice of(Order order);
}
