package org.ordertower.api.channel;

/** How a ship call ended; both values count as done. */
public enum ShipResult {
    /** The platform took the tracking number. */
    SHIPPED,
    /** The platform already had it (a retry after a lost answer): done, not an error. */
    ALREADY_SHIPPED
}
