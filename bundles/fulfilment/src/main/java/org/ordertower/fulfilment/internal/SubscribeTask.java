package org.ordertower.fulfilment.internal;

/** SUBSCRIBE: the tracking service is asked to push a tracking number's events. Payload: {@code carrier trackingNo}. */
record SubscribeTask(String carrier, String trackingNo) implements TaskPayload {

    @Override
    public TaskKind kind() {
        return TaskKind.SUBSCRIBE;
    }

    @Override
    public String key() {
        return "subscribe:" + carrier + ":" + trackingNo;
    }

    @Override
    public String encode() {
        return carrier + " " + trackingNo;
    }

    static SubscribeTask decode(String key, String payload) {
        String[] f = payload.split(" ", 2);
        if (f.length != 2) {
            throw new IllegalArgumentException("not 'carrier trackingNo'");
        }
        return new SubscribeTask(f[0], f[1]);
    }
}
