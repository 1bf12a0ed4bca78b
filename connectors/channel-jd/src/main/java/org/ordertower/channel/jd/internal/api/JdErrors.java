package org.ordertower.channel.jd.internal.api;

import java.time.Duration;
import java.util.Set;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.jd.internal.JdConstants;

/**
 * JOS codes to kinds, used only by {@link JdClient}. Gateway codes come from JD's 网关系统错误码 table; business
 * failures ({@code apiResult.success=false}, {@code code != 0} inside a {@code *_responce}) carry their own
 * numbers, which JD does not classify: those whose text says the system is busy are TRANSIENT, the rest PERMANENT.
 */
final class JdErrors {
    /** JD gives no retry hint; one second is the limiter's period. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Set<String> AUTH = Set.of(JdConstants.ERR_SIGN, JdConstants.ERR_TOKEN, JdConstants.ERR_APP_KEY);
    private static final Set<String> RATE = Set.of(JdConstants.ERR_CALL_LIMITED);
    private static final String[] BUSY = { "系统繁忙", "稍后重试", "服务不可用", "超时", "system busy", "timeout" };
    /**
     * JD locks an order while a buyer's cancel or refund request is open (state LOCKED, "订单已锁定"): the ship call is
     * refused until the seller settles it, so it is worth trying again, later than a busy system.
     */
    private static final String LOCKED = "锁定";
    static final Duration LOCKED_RETRY_AFTER = Duration.ofMinutes(2);

    private JdErrors() {
    }

    static Kind kindOf(String code, String text) {
        if (AUTH.contains(code)) {
            return Kind.AUTH;
        }
        if (RATE.contains(code)) {
            return Kind.RATE_LIMITED;
        }
        if (JdConstants.ERR_BAD_TIMESTAMP.equals(code)) {
            return Kind.TRANSIENT; // always well formed from here: too far from JOS's clock, which may agree again
        }
        String t = text == null ? "" : text.toLowerCase(java.util.Locale.ROOT);
        if (t.contains(LOCKED)) {
            return Kind.TRANSIENT;
        }
        for (String busy : BUSY) {
            if (t.contains(busy)) {
                return Kind.TRANSIENT;
            }
        }
        return Kind.PERMANENT;
    }

    /** The exception for a refusal; the message names the method, code and JD's texts, never a parameter value. */
    static JdApiException refusal(String method, String code, String zh, String en) {
        String text = (zh == null || zh.isBlank() ? "" : zh) + (en == null || en.isBlank() ? "" : " / " + en);
        Kind kind = kindOf(code, text);
        boolean locked = text.contains(LOCKED);
        return new JdApiException(kind, "jd " + method + " refused: " + code + " " + text.strip()
                + (locked ? " (the buyer's cancel or refund request holds the order on JD; tried again once it is settled)"
                        : ""), code, kind == Kind.RATE_LIMITED ? RETRY_AFTER : locked ? LOCKED_RETRY_AFTER : null);
    }

    /** A refusal that keeps JD's code at hand for the one decision the client takes on it (refresh on 19). */
    static final class JdApiException extends ChannelException {
        private static final long serialVersionUID = 1L;

        JdApiException(Kind kind, String message, String code, Duration retryAfter) {
            super(kind, message, code, retryAfter, null);
        }

        boolean tokenRefused() {
            return JdConstants.ERR_TOKEN.equals(platformCode());
        }
    }
}
