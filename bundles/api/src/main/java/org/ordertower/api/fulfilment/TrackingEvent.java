package org.ordertower.api.fulfilment;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a parcel's journey.
 *
 * @param carrierCode the carrier (standard code)
 * @param trackingNo the waybill number
 * @param state where the parcel is
 * @param at when it happened, by the carrier
 * @param description the carrier's text, verbatim (may name places and couriers, never the receiver)
 * @param location where it happened, may be null
 * @param partnerState the tracking service's own state code, verbatim, may be null
 */
public record TrackingEvent(String carrierCode, String trackingNo, TrackingState state, Instant at,
        String description, String location, String partnerState) {
    public TrackingEvent {
        Objects.requireNonNull(carrierCode, "carrierCode");
        Objects.requireNonNull(trackingNo, "trackingNo");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(at, "at");
    }
}
