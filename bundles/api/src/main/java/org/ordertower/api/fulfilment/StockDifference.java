package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * One SKU whose count differs between a warehouse system and OrderTower, or that could not be compared.
 *
 * @param sku the master SKU
 * @param quality {@link Quality#GOOD} compares the WMS's sellable-quality count with OrderTower's on hand;
 *     {@link Quality#DEFECTIVE} compares the WMS's defective count with OrderTower's quarantine
 * @param ours OrderTower's count
 * @param wms the warehouse system's count
 * @param inFlight units of this SKU in parcels the warehouse system has but has not reported shipped yet
 * @param outcome what was done about it
 * @param note why, in words for the person on duty
 */
public record StockDifference(String sku, Quality quality, int ours, int wms, int inFlight, Outcome outcome, String note) {
    public StockDifference {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(quality, "quality");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The warehouse system's count minus OrderTower's: what an adjustment adds to on hand. */
    public int delta() {
        return wms - ours;
    }

    public enum Quality {
        GOOD, DEFECTIVE
    }

    public enum Outcome {
        /** Reported only (no apply asked for, or a count that is never adjusted automatically). */
        REPORTED,
        /** Corrected by a ledgered adjustment. */
        ADJUSTED,
        /** Not comparable now: parcels or stock movements of this SKU are on their way. */
        SKIPPED,
        /** The adjustment was refused (it would take on hand under what orders have reserved). */
        REFUSED
    }
}
