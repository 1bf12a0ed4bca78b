package org.ordertower.channel.pdd.internal.api;

import java.time.Duration;
import java.util.Set;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.pdd.internal.PddConstants;
import org.ordertower.channel.pdd.internal.api.dto.PddErrorDto;

/**
 * PDD error codes to kinds (the common error table on each API page). The one place besides the HTTP status
 * handling in {@link PddClient} that decides a kind.
 */
final class PddErrors {
    /** 平台内部错误, 接口降级 / 维护下线: retry later. */
    private static final Set<Integer> TRANSIENT = Set.of(50000, 50001, 50002, 52001, 52002, 52102, 52103, 70033);
    /** 接口被限流 / 调用过于频繁. */
    private static final Set<Integer> RATE = Set.of(PddConstants.ERR_RATE_LIMITED, PddConstants.ERR_TOO_FREQUENT);
    /** 签名验证失败, access_token 已过期或无效. */
    private static final Set<Integer> AUTH = Set.of(PddConstants.ERR_SIGN, PddConstants.ERR_TOKEN);
    /** PDD gives no hint; one second is the limiter's period. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private PddErrors() {
    }

    static Kind kindOf(int code) {
        if (AUTH.contains(code)) {
            return Kind.AUTH;
        }
        if (RATE.contains(code)) {
            return Kind.RATE_LIMITED;
        }
        return TRANSIENT.contains(code) ? Kind.TRANSIENT : Kind.PERMANENT;
    }

    /** The exception for an {@code error_response}; the platform code is {@code error_code[/sub_code]}. */
    static PddApiException of(String type, PddErrorDto e) {
        int code = e.errorCode() == null ? -1 : e.errorCode();
        String platformCode = e.subCode() == null || e.subCode().isBlank() || e.subCode().equals(String.valueOf(code))
                ? String.valueOf(code) : code + "/" + e.subCode();
        String text = e.subMsg() != null && !e.subMsg().isBlank() ? e.subMsg() : e.errorMsg();
        // a timestamp (always well formed from here) too far from PDD's clock, which may agree again
        Kind kind = timestampRefused(code, text) ? Kind.TRANSIENT : kindOf(code);
        return new PddApiException(kind, "pdd " + type + " failed: " + platformCode + " " + text + " (request_id "
                + e.requestId() + ")", code, platformCode, kind == Kind.RATE_LIMITED ? RETRY_AFTER : null);
    }

    /** 参数错误 naming the timestamp: the call's time is too far from PDD's clock. */
    static boolean timestampRefused(int code, String text) {
        return code == PddConstants.ERR_PARAM && text != null && text.contains("timestamp");
    }

    /** A ChannelException that also carries PDD's numeric error_code. */
    static final class PddApiException extends ChannelException {
        private static final long serialVersionUID = 1L;
        private final int errorCode;

        PddApiException(Kind kind, String message, int errorCode, String platformCode, Duration retryAfter) {
            super(kind, message, platformCode, retryAfter, null);
            this.errorCode = errorCode;
        }

        int errorCode() {
            return errorCode;
        }

        /** Refused for its timestamp ({@link PddErrors#timestampRefused}). */
        boolean timestampRefused() {
            return PddErrors.timestampRefused(errorCode, getMessage());
        }
    }
}
