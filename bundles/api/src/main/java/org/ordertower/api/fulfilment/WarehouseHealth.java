package org.ordertower.api.fulfilment;

/**
 * How one warehouse did with the parcels routed to it in a window, and how long its stock lasts at that pace.
 *
 * @param warehouse the warehouse id
 * @param routed parcels routed to it in the window (merged parcels each count)
 * @param shipped of those, parcels that left the warehouse
 * @param shippedOnTime of those, parcels that left within the configured hours of being routed
 *     ({@code ship.on.time.hours} of {@code org.ordertower.fulfilment})
 * @param waiting of those, parcels not shipped and not cancelled
 * @param stuck parcels of the warehouse flagged as not moving now (of any age)
 * @param transfersOut transfers out of it made in the window
 * @param transfersIn transfers into it made in the window
 * @param transfersLate of those in and out, transfers flagged late
 * @param unitsShipped units of goods in the parcels that left it in the window
 * @param onHand units on hand in it now
 * @param stockDays how many days its stock on hand lasts at the window's pace ({@code onHand} over units shipped per
 *     day); null when nothing left it in the window
 */
public record WarehouseHealth(String warehouse, long routed, long shipped, long shippedOnTime, long waiting, long stuck,
        long transfersOut, long transfersIn, long transfersLate, long unitsShipped, long onHand, Double stockDays) {

    /** The share of shipped parcels that left on time, 0 to 1; null when none shipped. */
    public Double onTimeShare() {
        return shipped == 0 ? null : (double) shippedOnTime / shipped;
    }
}
