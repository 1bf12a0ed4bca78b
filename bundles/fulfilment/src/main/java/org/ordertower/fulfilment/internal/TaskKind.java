package org.ordertower.fulfilment.internal;

import java.util.function.BiFunction;

/**
 * The kinds of durable task; each constant's name is the kind stored in {@code fulfil_task.kind}, and it decodes a
 * stored task's key and payload into that kind's {@link TaskPayload} record.
 */
enum TaskKind {
    WAYBILL(WaybillTask.class, WaybillTask::decode),
    WMS_CREATE(WmsCreateTask.class, WmsCreateTask::decode),
    WMS_CANCEL(WmsCancelTask.class, WmsCancelTask::decode),
    WAYBILL_CANCEL(WaybillCancelTask.class, WaybillCancelTask::decode),
    SUBSCRIBE(SubscribeTask.class, SubscribeTask::decode),
    WRITE_BACK(WriteBackTask.class, WriteBackTask::decode),
    STOCK_SHIP(StockShipTask.class, StockShipTask::decode),
    RESTOCK(RestockTask.class, RestockTask::decode),
    RETURN_CREATE(ReturnCreateTask.class, ReturnCreateTask::decode),
    TRANSFER_OUT(TransferOutTask.class, TransferOutTask::decode),
    TRANSFER_IN(TransferInTask.class, TransferInTask::decode),
    TRANSFER_STOCK(TransferStockTask.class, TransferStockTask::decode),
    TRANSFER_CANCEL(TransferCancelTask.class, TransferCancelTask::decode),
    REFUND(RefundTask.class, RefundTask::decode);

    private final Class<? extends TaskPayload> type;
    private final BiFunction<String, String, TaskPayload> decoder;

    TaskKind(Class<? extends TaskPayload> type, BiFunction<String, String, TaskPayload> decoder) {
        this.type = type;
        this.decoder = decoder;
    }

    /**
     * The record of a stored task of this kind.
     *
     * @param key the task's key as stored
     * @param payload the task's payload as stored
     * @throws IllegalArgumentException naming the task when the payload (or the key) is malformed: such a task can
     *     never run, and is kept dead
     */
    TaskPayload decode(String key, String payload) {
        if (payload == null) {
            throw new IllegalArgumentException("task " + key + " has no " + name() + " payload");
        }
        try {
            return decoder.apply(key, payload);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("task " + key + " has a malformed " + name() + " payload '" + payload
                    + "': " + e.getMessage(), e);
        }
    }

    /** The kind whose payloads are {@code type}. */
    static TaskKind of(Class<? extends TaskPayload> type) {
        for (TaskKind k : values()) {
            if (k.type == type) {
                return k;
            }
        }
        throw new IllegalArgumentException(type.getName() + " is no task payload of a kind");
    }

    /** The kind stored as {@code kind}; IllegalArgumentException when there is none. */
    static TaskKind of(String kind) {
        try {
            return valueOf(kind);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown task kind " + kind);
        }
    }
}
