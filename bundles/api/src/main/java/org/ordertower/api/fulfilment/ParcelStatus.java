package org.ordertower.api.fulfilment;

/** Where a parcel is in OrderTower's hands. */
public enum ParcelStatus {
    /** Routed; its waybill and its delivery order are on their way. */
    PLANNED,
    /** The warehouse system has its delivery order. */
    SENT,
    /** The warehouse handed it to the carrier (some lines of it, when {@code partial}). */
    SHIPPED,
    DELIVERED,
    /** On its way back to the sender (refused, undeliverable). */
    RETURNING,
    /** Back: the return centre received it. */
    RETURNED,
    /** Cancelled before it left: its delivery order is cancelled and its waybill given back. */
    CANCELLED
}
