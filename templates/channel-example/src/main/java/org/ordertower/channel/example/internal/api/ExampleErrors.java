package org.ordertower.channel.example.internal.api;

import static org.ordertower.channel.example.internal.ExampleConstants.ERR_APP_KEY;
import static org.ordertower.channel.example.internal.ExampleConstants.ERR_RATE;
import static org.ordertower.channel.example.internal.ExampleConstants.ERR_REFRESH_TOKEN;
import static org.ordertower.channel.example.internal.ExampleConstants.ERR_SIGN;
import static org.ordertower.channel.example.internal.ExampleConstants.ERR_TOKEN;
import static org.ordertower.channel.example.internal.ExampleConstants.ERR_TOKEN_EXPIRED;

import java.time.Duration;
import java.util.Set;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;

/**
 * Example Mall answer codes to kinds, used only by {@link ExampleClient}: signature, app key and token codes are AUTH,
 * 42901 RATE_LIMITED, 5xxxx TRANSIENT, every other code (a malformed call, an unknown order, a bad cursor, a skewed
 * timestamp) PERMANENT.
 */
final class ExampleErrors {
    /** The platform gives no retry hint; one second is the limiter's period. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Set<Integer> AUTH = Set.of(ERR_SIGN, ERR_APP_KEY, ERR_TOKEN, ERR_TOKEN_EXPIRED,
            ERR_REFRESH_TOKEN);

    private ExampleErrors() {
    }

    static Kind kindOf(int code) {
        if (AUTH.contains(code)) {
            return Kind.AUTH;
        }
        if (code == ERR_RATE) {
            return Kind.RATE_LIMITED;
        }
        return code >= 50000 && code < 60000 ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    /** The exception for a refusal; the message names the method, code and text, never a parameter value. */
    static ExampleApiException refusal(String method, int code, String message) {
        Kind kind = kindOf(code);
        return new ExampleApiException(kind, "example " + method + " refused: " + code + " "
                + (message == null ? "" : message), String.valueOf(code),
                kind == Kind.RATE_LIMITED ? RETRY_AFTER : null);
    }

    /** A refusal that keeps the code at hand for the decisions taken on it (refresh on a refused token). */
    static final class ExampleApiException extends ChannelException {
        private static final long serialVersionUID = 1L;

        ExampleApiException(Kind kind, String message, String code, Duration retryAfter) {
            super(kind, message, code, retryAfter, null);
        }

        int code() {
            return Integer.parseInt(platformCode());
        }

        boolean tokenRefused() {
            return code() == ERR_TOKEN || code() == ERR_TOKEN_EXPIRED;
        }
    }
}
