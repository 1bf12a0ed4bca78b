package org.ordertower.fulfilment.internal;

/**
 * TRANSFER_STOCK: a received transfer's reservation moves to the destination in the inventory. Payload: the
 * transfer's code.
 */
record TransferStockTask(String transferCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.TRANSFER_STOCK;
    }

    @Override
    public String key() {
        return "transfer-stock:" + transferCode;
    }

    @Override
    public String encode() {
        return transferCode;
    }

    static TransferStockTask decode(String key, String payload) {
        return new TransferStockTask(TaskPayload.code(payload));
    }
}
