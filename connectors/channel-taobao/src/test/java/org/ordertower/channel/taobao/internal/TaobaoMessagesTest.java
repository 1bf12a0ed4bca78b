package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.channel.taobao.internal.api.dto.TmcMessageDto;
import org.ordertower.sim.kit.SimOrder;

class TaobaoMessagesTest {

    @Test
    void consumesConfirmsAndGetsUnconfirmedMessagesAgainUnderTheSameId() throws Exception {
        try (SimSupport s = new SimSupport(Map.of("redeliverSeconds", "1"))) {
            SimOrder o = s.sim.book().create();
            s.sim.book().requestRefund(o.orderId, null);
            TaobaoConnector c = s.connector();
            List<PushEvent> events = c.consumeMessages(50);
            assertTrue(events.size() >= 1);
            for (PushEvent e : events) {
                assertEquals(o.orderId, e.platformOrderId());
                assertEquals("tea-shop", e.shop());
                assertNull(e.order());
                assertTrue(e.topic().startsWith("taobao_trade_") || e.topic().startsWith("taobao_refund_"), e.topic());
            }
            assertEquals("taobao_trade_TradeCreate", events.get(0).topic());
            assertEquals(List.of(), c.consumeMessages(50), "hidden until the redelivery delay");
            Thread.sleep(1100);
            List<PushEvent> again = c.consumeMessages(50);
            assertEquals(ids(events), ids(again));
            c.confirmMessages(new ArrayList<>(ids(again)));
            assertEquals(0, s.sim.pendingMessages());
            Thread.sleep(1100);
            assertEquals(List.of(), c.consumeMessages(50));
        }
    }

    @Test
    void duplicatesKeepTheirMessageIdAndShuffledBatchesStillCarryEveryMessage() {
        try (SimSupport s = new SimSupport(Map.of("duplicatePushes", "true", "shufflePushes", "true"))) {
            for (int i = 0; i < 5; i++) {
                s.sim.book().create();
            }
            List<PushEvent> events = s.connector().consumeMessages(200);
            assertEquals(s.counter("tmc.queued"), events.size());
            Set<String> ids = ids(events);
            assertEquals(events.size() / 2, ids.size(), "each message twice under one id");
        }
    }

    @Test
    void consumeHonoursTheMaximumAndTheGroup() {
        try (SimSupport s = new SimSupport(Map.of("tmcGroups", "shop-a"))) {
            for (int i = 0; i < 20; i++) {
                s.sim.book().create();
            }
            TaobaoConnector c = s.connector();
            assertEquals(3, c.consumeMessages(3).size());
            assertEquals(String.valueOf(10), s.sim.calls().get(s.sim.calls().size() - 1).params().get("quantity"));
            TaobaoSettings b = s.settings();
            TaobaoSettings grouped = new TaobaoSettings(b.gatewayUrl(), b.oauthUrl(), b.appKey(), b.appSecret(), b.shop(),
                    b.accessToken(), b.refreshToken(), null, b.appRatePerSecond(), b.shopRatePerSecond(), b.timeoutSeconds(),
                    b.signMethod(), "no-such-group", b.clock());
            ChannelException e = assertThrows(ChannelException.class, () -> s.connector(grouped).consumeMessages(10));
            assertEquals("41/isv.invalid-parameter:group_name", e.platformCode());
        }
    }

    @Test
    void aMessageWithoutTidOrWithBrokenContentIsPermanent() {
        try (SimSupport s = new SimSupport()) {
            TaobaoMessages m = new TaobaoMessages(new org.ordertower.channel.taobao.internal.api.TaobaoClient(s.settings(), null));
            PushEvent ok = m.event(new TmcMessageDto("81", "taobao_trade_TradeBuyerPay", "2024-11-11 00:00:01", "1", "2", "nick",
                    "{\"tid\":400000000000123,\"seller_nick\":\"nick\"}"));
            assertEquals("81", ok.messageId());
            assertEquals("400000000000123", ok.platformOrderId());
            assertEquals("nick", ok.shop());
            assertEquals(java.time.Instant.parse("2024-11-10T16:00:01Z"), ok.occurredAt());
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class, () -> m.event(
                    new TmcMessageDto("82", "taobao_trade_TradeClose", null, null, null, null, "{\"seller_nick\":\"x\"}"))).kind());
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class, () -> m.event(
                    new TmcMessageDto("83", "taobao_trade_TradeClose", null, null, null, null, "{\"tid\":"))).kind());
        }
    }

    @Test
    void aWrongSecretCannotConsume() {
        try (SimSupport s = new SimSupport()) {
            TaobaoSettings b = s.settings();
            TaobaoSettings bad = new TaobaoSettings(b.gatewayUrl(), b.oauthUrl(), b.appKey(), "forged", b.shop(),
                    b.accessToken(), b.refreshToken(), null, b.appRatePerSecond(), b.shopRatePerSecond(), b.timeoutSeconds(),
                    b.signMethod(), b.tmcGroup(), b.clock());
            ChannelException e = assertThrows(ChannelException.class, () -> s.connector(bad).consumeMessages(10));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("25", e.platformCode());
        }
    }

    private static Set<String> ids(List<PushEvent> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.messageId()));
        return ids;
    }
}
