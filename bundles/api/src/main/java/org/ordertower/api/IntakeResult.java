package org.ordertower.api;

/**
 * What intake did with one order version. Returned only after the change is durably stored.
 *
 * @param orderId the stored order
 * @param outcome what happened
 * @param revision the order's revision after intake
 */
public record IntakeResult(long orderId, Outcome outcome, int revision) {
    public enum Outcome {
        /** First time seen: a new order. */
        CREATED,
        /** A newer platform version: the order was updated. */
        UPDATED,
        /** The same version again: nothing changed. */
        DUPLICATE,
        /** An older version than the stored one: ignored, noted in the audit trail. */
        STALE
    }
}
