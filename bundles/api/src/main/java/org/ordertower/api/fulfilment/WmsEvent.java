package org.ordertower.api.fulfilment;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something a warehouse system reported (Qimen: {@code deliveryorder.confirm}, {@code returnorder.confirm},
 * {@code orderprocess.report}).
 *
 * @param eventId an id unique for this report, stable when the WMS sends it again (core drops repeats): the
 *     WMS's message id or, where it has none, a digest of the report
 * @param kind what happened
 * @param code OrderTower's delivery or return order code
 * @param warehouse the OrderTower warehouse id
 * @param at when the WMS says it happened
 * @param packages for SHIPPED and PARTIALLY_SHIPPED: the packages that left with this report
 * @param received for RETURN_RECEIVED and ENTRY_RECEIVED: what came in, as inspected
 * @param status the WMS's own status word, verbatim ({@code DELIVERED}, {@code PICK}, {@code EXCEPTION}...)
 * @param message the WMS's text, may be null
 */
public record WmsEvent(String eventId, Kind kind, String code, String warehouse, Instant at,
        List<ShippedPackage> packages, List<ReceivedLine> received, String status, String message) {

    public enum Kind {
        /** Every line left the warehouse. */
        SHIPPED,
        /** Some lines left; more reports follow. */
        PARTIALLY_SHIPPED,
        /** Work in progress (accepted, printed, picked, packed): for the audit trail only. */
        PROGRESS,
        /** The WMS cannot ship the order (out of stock on the shelf, address refused...). */
        EXCEPTION,
        /** A return was received and inspected. */
        RETURN_RECEIVED,
        /** An entry order (purchase, transfer) was received and inspected. */
        ENTRY_RECEIVED
    }

    public WmsEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(at, "at");
        packages = packages == null ? List.of() : List.copyOf(packages);
        received = received == null ? List.of() : List.copyOf(received);
    }
}
