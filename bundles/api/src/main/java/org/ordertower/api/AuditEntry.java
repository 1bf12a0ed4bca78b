package org.ordertower.api;

import java.time.Instant;

/**
 * One row of an order's audit trail: what changed, from what to what, who did it, why and when.
 * Buyer data in {@code oldValue}/{@code newValue} is stored masked.
 *
 * @param id increasing id, orders entries of one order
 * @param orderId the order
 * @param at when
 * @param actor who
 * @param action what happened, for example {@code received}, {@code status}, {@code updated},
 *     {@code stale-version-ignored}
 * @param field the field that changed, or null when the entry is about the whole order
 * @param oldValue value before, may be null
 * @param newValue value after, may be null
 * @param reason why, may be null
 */
public record AuditEntry(long id, long orderId, Instant at, Actor actor, String action, String field,
        String oldValue, String newValue, String reason) {
}
