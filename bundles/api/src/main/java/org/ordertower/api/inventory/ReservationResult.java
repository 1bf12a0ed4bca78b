package org.ordertower.api.inventory;

import java.util.List;

/**
 * The outcome of a reservation. Running out of stock is a result, not an exception.
 *
 * @param reference the reservation's reference
 * @param status what happened
 * @param allocations what is held now (for ALREADY_RESERVED: what the first request got); empty
 *     when out of stock
 * @param shortages for OUT_OF_STOCK, each SKU that fell short; else empty
 */
public record ReservationResult(String reference, Status status, List<Allocation> allocations,
        List<Shortage> shortages) {

    public enum Status {
        /** Every item is held now. */
        RESERVED,
        /** This reference already holds a reservation; nothing more was reserved. */
        ALREADY_RESERVED,
        /** Not enough sellable stock for at least one item; nothing was reserved. */
        OUT_OF_STOCK
    }

    public ReservationResult {
        allocations = List.copyOf(allocations);
        shortages = List.copyOf(shortages);
    }

    /** True when the reference holds its stock (newly or from before). */
    public boolean held() {
        return status != Status.OUT_OF_STOCK;
    }
}
