package org.ordertower.api;

/** Payment state as the platform reports it. */
public enum PaymentStatus {
    UNPAID,
    PARTIALLY_PAID,
    PAID,
    PARTIALLY_REFUNDED,
    REFUNDED;
}
