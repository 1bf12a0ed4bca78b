package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * An e-waybill issued for a parcel.
 *
 * @param parcelId the parcel it was issued for
 * @param carrierCode the carrier
 * @param waybillNo the waybill (tracking) number
 * @param printData the print data for the carrier's print client, opaque (often encrypted); may be null
 */
public record Waybill(String parcelId, String carrierCode, String waybillNo, String printData) {
    public Waybill {
        Objects.requireNonNull(parcelId, "parcelId");
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(waybillNo, "waybillNo");
    }
}
