package org.ordertower.api.fulfilment;

/**
 * Where a parcel is, in the words shared by the carriers' tracking services (Kuaidi100's {@code state}: 1
 * collected, 0 in transit, 5 out for delivery, 3 signed, 2 problem, 6 returning, 4 returned and signed by the
 * sender, 14 refused, 7 forwarded, 8 customs).
 */
public enum TrackingState {
    /** The carrier has an order but has not collected the parcel yet. */
    CREATED,
    COLLECTED,
    IN_TRANSIT,
    OUT_FOR_DELIVERY,
    DELIVERED,
    /** A problem the carrier reports (damaged, address unclear, held): a person should look. */
    EXCEPTION,
    /** The receiver refused the parcel; it goes back. */
    REFUSED,
    /** On its way back to the sender. */
    RETURNING,
    /** Back with the sender, signed for. */
    RETURNED;

    /** True for states after which the parcel does not move any more. */
    public boolean isFinal() {
        return this == DELIVERED || this == RETURNED;
    }

    /** True for states on the way back to the sender. */
    public boolean isReturn() {
        return this == REFUSED || this == RETURNING || this == RETURNED;
    }
}
