package org.ordertower.channel.taobao.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The seller's answer to a refund once the returned goods arrived: read the refund ({@code taobao.refund.get}), then
 * agree it ({@code taobao.rp.refunds.agree}) or refuse it ({@code taobao.refund.refuse}). Both calls take the refund's
 * version and phase as {@code refund.get} gives them, so a refund that changed meanwhile is not answered blindly.
 *
 * <p>Idempotent: a refund already settled the way asked (SUCCESS when agreeing, SELLER_REFUSE_BUYER when refusing)
 * or CLOSED by the buyer is {@link RefundResult#ALREADY_DONE}, before the call or after the platform refused it.
 */
final class TaobaoRefunds {
    /** The refund statuses (Refund.status, 退款状态) that take the seller's answer: the goods came back. */
    static final String WAIT_SELLER_CONFIRM_GOODS = "WAIT_SELLER_CONFIRM_GOODS";
    private static final String FIELDS = "refund_id,tid,oid,status,refund_fee,refund_phase,refund_version,has_good_return";

    private final TaobaoClient client;

    TaobaoRefunds(TaobaoClient client) {
        this.client = client;
    }

    RefundResult returnReceived(ReturnOutcome r) {
        if (!r.refundId().matches("\\d{1,19}")) {
            throw new ChannelException(Kind.PERMANENT, "a Taobao refund id is a number, not '" + r.refundId() + "'");
        }
        JsonNode refund = refund(r);
        String status = refund.path("status").asText("");
        if (done(r, status)) {
            return RefundResult.ALREADY_DONE;
        }
        if (!WAIT_SELLER_CONFIRM_GOODS.equals(status)) {
            throw new ChannelException(Kind.PERMANENT, "Taobao refund " + r.refundId() + " is " + status
                    + ", not waiting for the seller to confirm returned goods; settle it on Taobao", status, null, null);
        }
        try {
            if (r.decision() == ReturnOutcome.Decision.AGREE) {
                agree(r, refund);
            } else {
                refuse(r, refund);
            }
            return RefundResult.DONE;
        } catch (ChannelException e) {
            // a lost answer, then a retry: the platform refuses to settle twice; its refund's status tells whether
            // it is settled the way we asked
            if (e.kind() == Kind.PERMANENT && done(r, refund(r).path("status").asText(""))) {
                return RefundResult.ALREADY_DONE;
            }
            throw e;
        }
    }

    private static boolean done(ReturnOutcome r, String status) {
        return "CLOSED".equals(status) || (r.decision() == ReturnOutcome.Decision.AGREE ? "SUCCESS"
                : "SELLER_REFUSE_BUYER").equals(status);
    }

    private JsonNode refund(ReturnOutcome r) {
        JsonNode refund = client.call(TaobaoConstants.REFUND_GET, Map.of("refund_id", r.refundId(), "fields", FIELDS))
                .path("refund");
        String tid = refund.path("tid").asText("");
        if (!tid.equals(r.platformOrderId())) {
            throw new ChannelException(Kind.PERMANENT, "Taobao refund " + r.refundId() + " belongs to trade " + tid
                    + ", not to " + r.platformOrderId());
        }
        return refund;
    }

    /** refund_infos: {@code refund_id|amount|version|phase}, amount in fen, phase required for Tmall. */
    private void agree(ReturnOutcome r, JsonNode refund) {
        long fen = new BigDecimal(refund.path("refund_fee").asText("0")).movePointRight(2).longValueExact();
        String info = r.refundId() + "|" + fen + "|" + refund.path("refund_version").asText("") + "|"
                + refund.path("refund_phase").asText("aftersale");
        JsonNode answer = client.call(TaobaoConstants.REFUNDS_AGREE, Map.of("refund_infos", info));
        if (!answer.path("succ").asBoolean(false)) {
            String message = answer.path("message").asText("");
            for (JsonNode result : answer.path("results").path("refund_mapping_result")) {
                if (r.refundId().equals(result.path("refund_id").asText()) && !result.path("message").asText("").isEmpty()) {
                    message = result.path("message").asText();
                }
            }
            throw new ChannelException(Kind.PERMANENT, "Taobao did not agree refund " + r.refundId() + " ("
                    + answer.path("msg_code").asText("") + "): " + message, answer.path("msg_code").asText(null), null, null);
        }
    }

    private void refuse(ReturnOutcome r, JsonNode refund) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("refund_id", r.refundId());
        p.put("refuse_message", message(r.reason()));
        p.put("refund_phase", refund.path("refund_phase").asText("aftersale"));
        p.put("refund_version", refund.path("refund_version").asText(""));
        JsonNode answer = client.call(TaobaoConstants.REFUND_REFUSE, p);
        if (!answer.path("is_success").asBoolean(false)) {
            throw new ChannelException(Kind.PERMANENT, "Taobao did not take the refusal of refund " + r.refundId());
        }
    }

    /** refuse_message is 2 to 200 characters. */
    static String message(String reason) {
        String m = reason == null ? "" : reason.strip();
        if (m.length() < 2) {
            m = "退货未通过验收";
        }
        return m.length() > 200 ? m.substring(0, 199) + "…" : m;
    }
}
