package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ReturnOutcome.Decision;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.kit.SimOrder;

import com.fasterxml.jackson.databind.JsonNode;

/** The seller's answer to a returned refund, against the strict TOP simulator. */
class TaobaoRefundTest {

    /** A paid, shipped trade whose first sub-order the buyer sent back. */
    private static SimOrder returned(SimSupport s) {
        SimOrder o = s.sim.book().create();
        s.sim.book().pay(o.orderId);
        s.sim.book().ship(o.orderId, List.of(), "YTO", "YT" + o.orderId);
        return s.sim.book().requestReturn(o.orderId, null).orElseThrow();
    }

    private static SimOrder.Line first(SimSupport s, String orderId) {
        return s.sim.book().get(orderId).orElseThrow().lines.get(0);
    }

    private static ReturnOutcome agree(SimOrder o) {
        SimOrder.Line l = o.lines.get(0);
        return new ReturnOutcome(o.orderId, l.refundId, Map.of(l.lineId, l.quantity), Map.of(), Decision.AGREE,
                "goods received");
    }

    @Test
    void theMappingKeepsTheRefundAndAgreeingItTwiceIsDoneThenAlreadyDone() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = returned(s);
            TaobaoConnector c = s.connector();
            assertTrue(c.capabilities().contains(Capability.REFUND));
            NormalizedOrder mapped = c.map(c.shop(), c.fetch(o.orderId).payload());
            Refund r = mapped.facts().refunds().get(0);
            assertEquals(new Refund(o.lines.get(0).refundId, List.of(o.lines.get(0).lineId), Refund.State.GOODS_RETURNED,
                    "WAIT_SELLER_CONFIRM_GOODS"), r);

            assertEquals(RefundResult.DONE, c.returnReceived(agree(o)));
            assertEquals(SimOrder.Refund.REFUNDED, first(s, o.orderId).refund);
            String infos = s.sim.calls().stream().filter(x -> "taobao.rp.refunds.agree".equals(x.param("method")))
                    .findFirst().orElseThrow().param("refund_infos");
            assertTrue(infos.matches(r.refundId() + "\\|\\d+\\|\\d+\\|aftersale"), infos);

            assertEquals(RefundResult.ALREADY_DONE, c.returnReceived(agree(o)));
            assertEquals(1, s.counter("refund.agreed"));
            assertEquals(Refund.State.REFUNDED,
                    c.map(c.shop(), c.fetch(o.orderId).payload()).facts().refunds().get(0).state());
        }
    }

    @Test
    void theSimulatorRefusesASecondAgreeAndAStaleVersion() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = returned(s);
            TaobaoClient client = new TaobaoClient(s.settings(), s.tokens);
            SimOrder.Line l = o.lines.get(0);
            long fen = l.paid.movePointRight(2).longValueExact();
            JsonNode stale = client.call(TaobaoConstants.REFUNDS_AGREE,
                    Map.of("refund_infos", l.refundId + "|" + fen + "|1|aftersale"));
            assertFalse(stale.path("succ").asBoolean());
            assertEquals("OP_FAILURE_UE", stale.path("msg_code").asText());
            String info = l.refundId + "|" + fen + "|" + l.refundModified.toEpochMilli() + "|aftersale";
            assertTrue(client.call(TaobaoConstants.REFUNDS_AGREE, Map.of("refund_infos", info)).path("succ").asBoolean());
            String version = String.valueOf(first(s, o.orderId).refundModified.toEpochMilli());
            JsonNode again = client.call(TaobaoConstants.REFUNDS_AGREE,
                    Map.of("refund_infos", l.refundId + "|" + fen + "|" + version + "|aftersale"));
            assertFalse(again.path("succ").asBoolean());
            assertTrue(again.path("results").path("refund_mapping_result").get(0).path("message").asText().contains("不能重复操作"),
                    again.toString());
            assertEquals(1, s.counter("refund.agreed"));
        }
    }

    @Test
    void refusesWithTheReasonOnceThenAlreadyDone() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = returned(s);
            TaobaoConnector c = s.connector();
            SimOrder.Line l = o.lines.get(0);
            ReturnOutcome refuse = new ReturnOutcome(o.orderId, l.refundId, Map.of(l.lineId, 0), Map.of(), Decision.REFUSE,
                    "goods missing from the return: line " + l.lineId + ": 0 of " + l.quantity);
            assertEquals(RefundResult.DONE, c.returnReceived(refuse));
            assertEquals(SimOrder.Refund.REFUSED, first(s, o.orderId).refund);
            assertEquals(refuse.reason(), s.sim.calls().stream().filter(x -> "taobao.refund.refuse".equals(x.param("method")))
                    .findFirst().orElseThrow().param("refuse_message"));
            assertEquals(RefundResult.ALREADY_DONE, c.returnReceived(refuse));
            assertEquals(1, s.counter("refund.refused"));
            // refused, it cannot be agreed any more: a person settles it on Taobao
            ChannelException e = assertThrows(ChannelException.class, () -> c.returnReceived(agree(o)));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("SELLER_REFUSE_BUYER", e.platformCode());
        }
    }

    @Test
    void aRefundInTheWrongStateOfAnotherTradeOrUnknownIsRefused() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            SimOrder o = s.sim.book().create();
            s.sim.book().pay(o.orderId);
            SimOrder asked = s.sim.book().requestRefund(o.orderId, null).orElseThrow(); // not shipped, no goods back
            ChannelException early = assertThrows(ChannelException.class, () -> c.returnReceived(agree(asked)));
            assertEquals(Kind.PERMANENT, early.kind());
            assertEquals("WAIT_SELLER_AGREE", early.platformCode());
            assertEquals(SimOrder.Refund.REQUESTED, first(s, o.orderId).refund);

            SimOrder other = returned(s);
            ReturnOutcome wrongTrade = new ReturnOutcome(o.orderId, other.lines.get(0).refundId, Map.of(), Map.of(),
                    Decision.AGREE, null);
            ChannelException mismatch = assertThrows(ChannelException.class, () -> c.returnReceived(wrongTrade));
            assertTrue(mismatch.getMessage().contains("belongs to trade " + other.orderId), mismatch.getMessage());
            assertEquals(SimOrder.Refund.RETURNING, first(s, other.orderId).refund);

            ChannelException unknown = assertThrows(ChannelException.class, () -> c.returnReceived(
                    new ReturnOutcome(o.orderId, "99999", Map.of(), Map.of(), Decision.AGREE, null)));
            assertEquals("15/isv.refund-not-exist", unknown.platformCode());
            assertEquals(0, s.counter("refund.agree.calls"));
        }
    }

    @Test
    void aWrongSignatureIsAnAuthFailureAndSettlesNothing() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = returned(s);
            TaobaoSettings wrong = TaobaoSettings.of(s.sim.gatewayUrl(), s.sim.oauthUrl(), s.appKey, "not-the-secret",
                    "tea-shop", s.sim.accessToken(), s.sim.refreshToken(), null, Clock.systemUTC()).withRates(500, 500);
            ChannelException e = assertThrows(ChannelException.class, () -> s.connector(wrong).returnReceived(agree(o)));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("25", e.platformCode());
            assertEquals(SimOrder.Refund.RETURNING, first(s, o.orderId).refund);
        }
    }
}
