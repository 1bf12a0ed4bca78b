package org.ordertower.fulfilment.internal;

/**
 * RETURN_CREATE: a return centre is told to expect a parcel back, from the carrier (refused, returned) or from the
 * buyer for a platform refund. Payload: the return centre, then the refund when the buyer asked for the return; the
 * key names the parcel.
 *
 * @param refundId the refund the buyer asked for on the platform, null when the carrier brings the parcel back
 */
record ReturnCreateTask(String parcelCode, String centre, String refundId) implements TaskPayload {
    private static final String PREFIX = "return-create:";

    @Override
    public TaskKind kind() {
        return TaskKind.RETURN_CREATE;
    }

    @Override
    public String key() {
        return PREFIX + parcelCode;
    }

    @Override
    public String encode() {
        return refundId == null ? centre : centre + " " + refundId;
    }

    /** Whether the buyer sends the goods back (for a refund), rather than the carrier. */
    boolean byBuyer() {
        return refundId != null;
    }

    static ReturnCreateTask decode(String key, String payload) {
        String[] f = payload.split(" ", 2);
        return new ReturnCreateTask(TaskPayload.keyPart(key, PREFIX, ""), f[0], f.length > 1 ? f[1] : null);
    }
}
