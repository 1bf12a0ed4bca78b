package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Objects;

/**
 * One package a warehouse handed to a carrier.
 *
 * @param carrierCode the carrier (standard code)
 * @param trackingNo the waybill number on the package
 * @param weightGrams the weighed weight, 0 when not weighed
 * @param lines what is in it
 */
public record ShippedPackage(String carrierCode, String trackingNo, int weightGrams, List<ParcelLine> lines) {
    public ShippedPackage {
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNo, "trackingNo");
        lines = List.copyOf(lines);
    }
}
