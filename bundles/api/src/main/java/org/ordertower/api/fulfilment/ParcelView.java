package org.ordertower.api.fulfilment;

import java.time.Instant;
import java.util.List;

/**
 * A parcel as consoles show it.
 *
 * @param id the parcel's id
 * @param code its delivery order code
 * @param orderId the order
 * @param warehouse the warehouse it leaves from
 * @param carrier the carrier (standard code)
 * @param status where it is
 * @param trackingNo its waybill number, null until known
 * @param lines what it holds
 * @param routeReason why this warehouse and this carrier
 * @param shippedAt when it left, or null
 * @param lastEventAt the carrier's newest event, or null
 * @param lastState the newest tracking state, or null
 * @param stuckSince when the parcel watch flagged it as not moving, or null
 */
public record ParcelView(long id, String code, long orderId, String warehouse, String carrier, ParcelStatus status,
        String trackingNo, List<ParcelLine> lines, String routeReason, Instant shippedAt, Instant lastEventAt,
        TrackingState lastState, Instant stuckSince) {
    public ParcelView {
        lines = List.copyOf(lines);
    }
}
