package org.ordertower.fulfilment.internal;

/**
 * STOCK_SHIP: an order's reserved stock at a warehouse leaves the inventory, once all its parcels from there left.
 * Payload: the warehouse; the key names the order.
 */
record StockShipTask(long orderId, String warehouse) implements TaskPayload {
    private static final String PREFIX = "stock-ship:";

    @Override
    public TaskKind kind() {
        return TaskKind.STOCK_SHIP;
    }

    @Override
    public String key() {
        return PREFIX + orderId + ":" + warehouse;
    }

    @Override
    public String encode() {
        return warehouse;
    }

    static StockShipTask decode(String key, String payload) {
        if (payload.isEmpty()) {
            throw new IllegalArgumentException("no warehouse");
        }
        return new StockShipTask(Long.parseLong(TaskPayload.keyPart(key, PREFIX, ":" + payload)), payload);
    }
}
