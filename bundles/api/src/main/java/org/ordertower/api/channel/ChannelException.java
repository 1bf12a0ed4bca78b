package org.ordertower.api.channel;

import java.time.Duration;

/**
 * A failed call to a marketplace, sorted into the one family core's retry policies know. The
 * connector's client is the only place that turns HTTP and platform codes into a kind. Messages name
 * the platform's code and text and never carry a secret.
 */
public class ChannelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Timeouts, 5xx, connection resets: retry with back-off. */
        TRANSIENT,
        /** The platform's rate limit: retry after the hinted delay. */
        RATE_LIMITED,
        /** Bad signature, expired or revoked token: refresh or ask an operator. */
        AUTH,
        /** The call can never succeed as made: dead-letter it with the reason. */
        PERMANENT
    }

    private final Kind kind;
    private final String platformCode;
    private final Duration retryAfter;

    public ChannelException(Kind kind, String message) {
        this(kind, message, null, null, null);
    }

    public ChannelException(Kind kind, String message, Throwable cause) {
        this(kind, message, null, null, cause);
    }

    /**
     * @param platformCode the platform's own error code (with its sub-code), may be null
     * @param retryAfter the platform's hint for {@link Kind#RATE_LIMITED}, may be null
     */
    public ChannelException(Kind kind, String message, String platformCode, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.platformCode = platformCode;
        this.retryAfter = retryAfter;
    }

    public Kind kind() {
        return kind;
    }

    /** The platform's error code, or null. */
    public String platformCode() {
        return platformCode;
    }

    /** How long to wait before retrying, or null when the platform gave no hint. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
