package org.ordertower.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Something about an order that people on duty must look at (a parcel that stopped moving, a carrier's or a
 * warehouse's exception, a call to a partner that failed for good, goods that left although the order was
 * cancelled). Published through the outbox on the order events topic with the type {@code ALERT}, at least once;
 * deduplicate on {@code eventId}. Carries no buyer data: the order's timeline has the details.
 *
 * @param eventId unique id of this event
 * @param kind what happened, as the order's audit action: {@code parcel-stuck}, {@code parcel-exception},
 *     {@code wms-exception}, {@code call-failed}, {@code shipped-after-cancel}...
 * @param orderId the order
 * @param channel channel id
 * @param shop shop
 * @param platformOrderId the platform's order id
 * @param subject what it is about: a parcel code, a tracking number, a call kind
 * @param message a short explanation, without buyer data
 * @param at commit time
 */
public record AlertEvent(String eventId, String kind, long orderId, String channel, String shop, String platformOrderId,
        String subject, String message, Instant at) {
    /** The outbox and message type of alerts. */
    public static final String TYPE = "ALERT";

    public AlertEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
