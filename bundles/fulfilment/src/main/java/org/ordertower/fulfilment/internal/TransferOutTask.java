package org.ordertower.fulfilment.internal;

/** TRANSFER_OUT: the source warehouse is asked to send a transfer's goods. Payload: the transfer's code. */
record TransferOutTask(String transferCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.TRANSFER_OUT;
    }

    @Override
    public String key() {
        return "transfer-out:" + transferCode;
    }

    @Override
    public String encode() {
        return transferCode;
    }

    static TransferOutTask decode(String key, String payload) {
        return new TransferOutTask(TaskPayload.code(payload));
    }
}
