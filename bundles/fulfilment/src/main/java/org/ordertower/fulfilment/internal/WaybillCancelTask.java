package org.ordertower.fulfilment.internal;

/**
 * WAYBILL_CANCEL: a cancelled parcel's e-waybill is given back to the waybill service. Payload: {@code carrier
 * trackingNo}; the key names the parcel.
 */
record WaybillCancelTask(String parcelCode, String carrier, String trackingNo) implements TaskPayload {
    private static final String PREFIX = "waybill-cancel:";

    @Override
    public TaskKind kind() {
        return TaskKind.WAYBILL_CANCEL;
    }

    @Override
    public String key() {
        return PREFIX + parcelCode;
    }

    @Override
    public String encode() {
        return carrier + " " + trackingNo;
    }

    static WaybillCancelTask decode(String key, String payload) {
        String[] f = payload.split(" ", 2);
        if (f.length != 2) {
            throw new IllegalArgumentException("not 'carrier trackingNo'");
        }
        return new WaybillCancelTask(TaskPayload.keyPart(key, PREFIX, ""), f[0], f[1]);
    }
}
