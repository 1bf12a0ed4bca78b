package org.ordertower.api.fulfilment;

import java.time.Instant;

/**
 * A call to a marketplace, warehouse system or carrier that failed its last attempt (or can never succeed as
 * made): kept, shown by {@code ship:failed}, replayed by {@code ship:retry}.
 *
 * @param id the call's id, for {@link FulfilmentService#retry}
 * @param kind what it does: WRITE_BACK (tracking to the marketplace), WAYBILL, WMS_CREATE, WMS_CANCEL, SUBSCRIBE...
 * @param orderId the order
 * @param parcelCode the parcel's code, or null
 * @param what the call's subject in words (the tracking number and the marketplace, for a write-back)
 * @param attempts attempts made
 * @param createdAt when the call became necessary
 * @param lastError the last failure, as the partner said it
 */
public record FailedCall(long id, String kind, long orderId, String parcelCode, String what, int attempts,
        Instant createdAt, String lastError) {
}
