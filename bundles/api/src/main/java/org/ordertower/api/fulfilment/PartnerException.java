package org.ordertower.api.fulfilment;

import java.time.Duration;

/**
 * A failed call to a warehouse system or carrier, sorted into the kind core's retry policy knows. The
 * connector's client is the only place that turns HTTP statuses and the partner's codes into a kind. Messages
 * name the partner's code and text and never carry a secret.
 */
public class PartnerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Timeouts, 5xx, connection resets, the partner's "system busy": retry with back-off. */
        TRANSIENT,
        /** The partner's rate limit: retry after the hinted delay. */
        RATE_LIMITED,
        /** Bad signature, unknown app or customer, expired token: an operator must fix the configuration. */
        AUTH,
        /** A waybill quota (or a branch's balance) is spent: an operator must top it up. */
        QUOTA,
        /** The call can never succeed as made: dead-letter it with the reason. */
        PERMANENT
    }

    private final Kind kind;
    private final String partnerCode;
    private final Duration retryAfter;

    public PartnerException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    /**
     * @param partnerCode the partner's own error code, may be null
     * @param retryAfter the partner's hint for {@link Kind#RATE_LIMITED}, may be null
     */
    public PartnerException(Kind kind, String message, String partnerCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.partnerCode = partnerCode;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The partner's error code, or null. */
    public String partnerCode() {
        return partnerCode;
    }

    /** How long to wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** True when a later attempt of the same call may succeed without a person's help. */
    public boolean retryable() {
        return kind == Kind.TRANSIENT || kind == Kind.RATE_LIMITED;
    }
}
