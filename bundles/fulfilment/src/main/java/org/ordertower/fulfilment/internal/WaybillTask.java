package org.ordertower.fulfilment.internal;

/** WAYBILL: an e-waybill for a parcel's box from the waybill service. Payload: the parcel's code. */
record WaybillTask(String parcelCode) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.WAYBILL;
    }

    @Override
    public String key() {
        return "waybill:" + parcelCode;
    }

    @Override
    public String encode() {
        return parcelCode;
    }

    static WaybillTask decode(String key, String payload) {
        return new WaybillTask(TaskPayload.code(payload));
    }
}
