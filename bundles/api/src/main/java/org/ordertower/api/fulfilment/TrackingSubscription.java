package org.ordertower.api.fulfilment;

import java.util.Objects;

/**
 * A request to be told of a parcel's tracking events (Kuaidi100: {@code poll} subscribe).
 *
 * @param carrierCode the carrier (standard code)
 * @param trackingNo the waybill number
 * @param receiverPhone the receiver's phone, which some carriers (SF) require to show tracking; may be null
 * @param toRegion the destination (province and city), which improves the service's forecasts; may be null
 * @param callbackUrl where the tracking service should push events (core's callback route for this carrier)
 */
public record TrackingSubscription(String carrierCode, String trackingNo, String receiverPhone, String toRegion,
        String callbackUrl) {
    public TrackingSubscription {
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNo, "trackingNo");
        Objects.requireNonNull(callbackUrl, "callbackUrl");
    }
}
