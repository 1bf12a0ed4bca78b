package org.ordertower.fulfilment.internal;

import java.util.List;

/**
 * WRITE_BACK: the marketplace is told that a parcel left, with which carrier and tracking number, for which of the
 * order's platform lines (none: the whole order). Payload: {@code carrier trackingNo lineNo,lineNo,...}; the key
 * names the parcel.
 */
record WriteBackTask(String parcelCode, String carrier, String trackingNo, List<String> lineNos) implements TaskPayload {
    private static final String PREFIX = "write-back:";

    WriteBackTask {
        lineNos = List.copyOf(lineNos);
    }

    @Override
    public TaskKind kind() {
        return TaskKind.WRITE_BACK;
    }

    @Override
    public String key() {
        return PREFIX + parcelCode + ":" + trackingNo;
    }

    @Override
    public String encode() {
        return carrier + " " + trackingNo + " " + String.join(",", lineNos);
    }

    static WriteBackTask decode(String key, String payload) {
        String[] f = payload.split(" ", 3);
        if (f.length < 2) {
            throw new IllegalArgumentException("not 'carrier trackingNo lines'");
        }
        List<String> lineNos = f.length > 2 && !f[2].isBlank() ? List.of(f[2].split(",")) : List.of();
        return new WriteBackTask(TaskPayload.keyPart(key, PREFIX, ":" + f[1]), f[0], f[1], lineNos);
    }
}
