package org.ordertower.fulfilment.internal;

/** TRANSFER_IN: the destination warehouse is told to expect a transfer's goods. Payload: the transfer's code. */
record TransferInTask(String transferCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.TRANSFER_IN;
    }

    @Override
    public String key() {
        return "transfer-in:" + transferCode;
    }

    @Override
    public String encode() {
        return transferCode;
    }

    static TransferInTask decode(String key, String payload) {
        return new TransferInTask(TaskPayload.code(payload));
    }
}
