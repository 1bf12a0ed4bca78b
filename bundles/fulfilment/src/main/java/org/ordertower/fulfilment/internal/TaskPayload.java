package org.ordertower.fulfilment.internal;

/**
 * What a durable task carries: one record per {@link TaskKind}. {@link #key()} makes the task unique (a second task
 * with the key is never written) and {@link #encode()} is the text kept in {@code fulfil_task.payload}; both are
 * exactly what earlier versions wrote, so tasks already stored decode ({@link TaskKind#decode}).
 */
sealed interface TaskPayload permits WaybillTask, WmsCreateTask, WmsCancelTask, WaybillCancelTask, SubscribeTask,
        WriteBackTask, StockShipTask, RestockTask, ReturnCreateTask, TransferOutTask, TransferInTask, TransferStockTask,
        TransferCancelTask, RefundTask {

    TaskKind kind();

    /** The task's unique key, as stored in {@code fulfil_task.task_key}. */
    String key();

    /** The stored payload text. */
    String encode();

    /** A payload that is one code (a parcel's or a transfer's): never empty, no spaces. */
    static String code(String payload) {
        if (payload.isEmpty() || payload.indexOf(' ') >= 0) {
            throw new IllegalArgumentException("'" + payload + "' is not a code");
        }
        return payload;
    }

    /**
     * The part of a task key between {@code prefix} and {@code suffix}: what a key holds that its payload does not
     * (the parcel of a write-back, the event of a restock).
     */
    static String keyPart(String key, String prefix, String suffix) {
        if (key == null || key.length() < prefix.length() + suffix.length() || !key.startsWith(prefix)
                || !key.endsWith(suffix)) {
            throw new IllegalArgumentException("the key '" + key + "' is not " + prefix + "..." + suffix);
        }
        return key.substring(prefix.length(), key.length() - suffix.length());
    }
}
