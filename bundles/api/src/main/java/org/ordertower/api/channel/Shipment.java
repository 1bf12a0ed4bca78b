package org.ordertower.api.channel;

import java.util.List;
import java.util.Objects;

/**
 * A parcel to report to the marketplace.
 *
 * @param platformOrderId the platform's order id
 * @param lineNos the platform line ids (sub-orders) in this parcel; empty for the whole order
 * @param carrierCode the carrier's code on this platform (each platform has its own company list)
 * @param trackingNo the waybill or tracking number
 */
public record Shipment(String platformOrderId, List<String> lineNos, String carrierCode, String trackingNo) {
    public Shipment {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNo, "trackingNo");
        lineNos = lineNos == null ? List.of() : List.copyOf(lineNos);
    }
}
