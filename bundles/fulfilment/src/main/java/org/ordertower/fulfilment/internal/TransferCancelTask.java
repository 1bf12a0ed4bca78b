package org.ordertower.fulfilment.internal;

/** TRANSFER_CANCEL: a transfer no longer needed is cancelled at its source. Payload: the transfer's code. */
record TransferCancelTask(String transferCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.TRANSFER_CANCEL;
    }

    @Override
    public String key() {
        return "transfer-cancel:" + transferCode;
    }

    @Override
    public String encode() {
        return transferCode;
    }

    static TransferCancelTask decode(String key, String payload) {
        return new TransferCancelTask(TaskPayload.code(payload));
    }
}
