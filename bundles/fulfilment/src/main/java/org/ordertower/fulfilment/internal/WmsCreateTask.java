package org.ordertower.fulfilment.internal;

/** WMS_CREATE: a parcel's box goes to its warehouse system as a delivery order. Payload: the parcel's code. */
record WmsCreateTask(String parcelCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.WMS_CREATE;
    }

    @Override
    public String key() {
        return "wms-create:" + parcelCode;
    }

    @Override
    public String encode() {
        return parcelCode;
    }

    static WmsCreateTask decode(String key, String payload) {
        return new WmsCreateTask(TaskPayload.code(payload));
    }
}
