package org.ordertower.api.fulfilment;

/** What a warehouse system answered to a cancel. */
public enum CancelResult {
    /** Cancelled (or already cancelled): nothing will ship. */
    CANCELLED,
    /** Too late: the parcel is packed or gone; core treats the order as shipped and starts a return. */
    ALREADY_SHIPPED,
    /** The WMS does not know the code: nothing will ship. */
    NOT_FOUND
}
