package org.ordertower.fulfilment.internal;

/**
 * WMS_CANCEL: a box's delivery order is cancelled at its warehouse system. Payload: the lead parcel's code, then
 * {@value #READDRESS} when the cancel is for a changed receiver (every order of the box is planned again).
 */
record WmsCancelTask(String parcelCode, boolean readdress) implements TaskPayload {
    static final String READDRESS = "readdress";

    @Override
    public TaskKind kind() {
        return TaskKind.WMS_CANCEL;
    }

    @Override
    public String key() {
        return "wms-cancel:" + parcelCode;
    }

    @Override
    public String encode() {
        return readdress ? parcelCode + " " + READDRESS : parcelCode;
    }

    static WmsCancelTask decode(String key, String payload) {
        if (payload.endsWith(" " + READDRESS)) {
            return new WmsCancelTask(TaskPayload.code(payload.substring(0, payload.length() - READDRESS.length() - 1)),
                    true);
        }
        return new WmsCancelTask(TaskPayload.code(payload), false);
    }
}
