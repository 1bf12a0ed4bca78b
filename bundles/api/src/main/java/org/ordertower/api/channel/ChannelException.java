package org.ordertower.api.channel;

/**
 * A failed call to a marketplace, sorted into the one family core's retry policies know. The
 * connector's client is the only place that turns HTTP and platform codes into a kind.
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

    public ChannelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ChannelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
