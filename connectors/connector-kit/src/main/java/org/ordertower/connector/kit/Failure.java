package org.ordertower.connector.kit;

import java.time.Duration;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.fulfilment.PartnerException;

/**
 * How a connector's exception is made for the failures the kit finds ({@link HttpCalls}): channels throw
 * {@link ChannelException}, warehouse and carrier connectors {@link PartnerException}. The code is the platform's or
 * partner's own ({@code platformCode} / {@code partnerCode}), null when there is none.
 *
 * @param <E> the connector's exception
 */
public interface Failure<E extends RuntimeException> {

    /** A failure a later try may get past (timeouts, I/O, 5xx). */
    E transientFailure(String message, String code, Throwable cause);

    /** The remote side's rate limit; {@code retryAfter} is the hint, may be null. */
    E rateLimited(String message, String code, Duration retryAfter);

    /** A call that can never succeed as made. */
    E permanent(String message, String code);

    /** Marketplace connectors: {@link ChannelException}. */
    static Failure<ChannelException> channel() {
        return new Failure<>() {
            @Override
            public ChannelException transientFailure(String message, String code, Throwable cause) {
                return new ChannelException(ChannelException.Kind.TRANSIENT, message, code, null, cause);
            }

            @Override
            public ChannelException rateLimited(String message, String code, Duration retryAfter) {
                return new ChannelException(ChannelException.Kind.RATE_LIMITED, message, code, retryAfter, null);
            }

            @Override
            public ChannelException permanent(String message, String code) {
                return new ChannelException(ChannelException.Kind.PERMANENT, message, code, null, null);
            }
        };
    }

    /** Warehouse and carrier connectors: {@link PartnerException}. */
    static Failure<PartnerException> partner() {
        return new Failure<>() {
            @Override
            public PartnerException transientFailure(String message, String code, Throwable cause) {
                return new PartnerException(PartnerException.Kind.TRANSIENT, message, code, null, cause);
            }

            @Override
            public PartnerException rateLimited(String message, String code, Duration retryAfter) {
                return new PartnerException(PartnerException.Kind.RATE_LIMITED, message, code, retryAfter, null);
            }

            @Override
            public PartnerException permanent(String message, String code) {
                return new PartnerException(PartnerException.Kind.PERMANENT, message, code, null, null);
            }
        };
    }
}
