package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelConnector.Capability;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.sim.kit.SimOrder;

/** The connector against the simulator's message service: nothing is pulled here. */
class PddMessagesTest {
    private static final DateTimeFormatter SN_DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(ZoneId.of("Asia/Shanghai"));

    @Test
    void paidOrdersArriveByPushWithinSecondsAndConfirmedMessagesAreAcknowledged() throws Exception {
        try (SimFixture f = new SimFixture()) {
            PddConnector c = f.pushConnector();
            try {
                assertTrue(c.capabilities().contains(Capability.MESSAGES));
                waitFor(() -> c.messageStatus().connected(), "connected");
                List<SimOrder> orders = paidOrders(f, 4);
                SimOrder edited = orders.get(0);
                f.sim.book().editAddress(edited.orderId);
                f.sim.book().requestRefund(orders.get(1).orderId, null);
                long start = System.nanoTime();
                List<PushEvent> events = collect(c, 6);
                assertTrue(System.nanoTime() - start < 5_000_000_000L, "within seconds");
                Map<String, List<String>> topics = new HashMap<>();
                for (PushEvent e : events) {
                    assertEquals("mall-7", e.shop());
                    assertNull(e.order(), "PDD's content carries the order_sn only: core fetches the order");
                    assertNotNull(e.occurredAt());
                    topics.computeIfAbsent(e.platformOrderId(), k -> new ArrayList<>()).add(e.topic());
                }
                for (SimOrder o : orders) {
                    assertTrue(topics.get(sn(o)).contains("pdd_trade_TradeConfirmed"), o.orderId);
                }
                assertTrue(topics.get(sn(edited)).contains("pdd_trade_TradeLogisticsAddressChanged"));
                assertTrue(topics.get(sn(orders.get(1))).contains("pdd_refund_RefundCreated"));
                NormalizedOrder fetched = c.map("mall-7", c.fetch(sn(edited)).payload());
                assertEquals(sn(edited), fetched.platformOrderId(), "the pushed tid is the id fetch takes");

                assertEquals(6, f.sim.pendingMessages(), "nothing is acknowledged before core confirms");
                c.confirmMessages(events.stream().map(PushEvent::messageId).toList());
                waitFor(() -> f.sim.pendingMessages() == 0, "every message acknowledged");
                assertEquals(6L, f.sim.counters().get("messages.acked"));
                assertEquals(null, f.sim.counters().get("messages.badAcks"));
                waitFor(() -> f.sim.counters().getOrDefault("messages.heartbeats", 0L) > 0, "our heartbeats reached PDD");
                assertEquals(List.of(), c.consumeMessages(50));
            } finally {
                c.close();
            }
            waitFor(() -> f.sim.counters().getOrDefault("messages.closed", 0L) == 1, "socket closed on deactivation");
        }
    }

    @Test
    void duplicatedAndShuffledPushesStillGiveEachOrderItsMessageUntilAcknowledged() throws Exception {
        try (SimFixture f = new SimFixture(Map.of("duplicatePushes", "true", "shufflePushes", "true"))) {
            PddConnector c = f.pushConnector();
            try {
                waitFor(() -> c.messageStatus().connected(), "connected");
                List<SimOrder> orders = paidOrders(f, 12);
                Map<String, String> tidById = new LinkedHashMap<>();
                int handed = 0;
                while (tidById.size() < 12) {
                    for (PushEvent e : collect(c, 1)) {
                        handed++;
                        String before = tidById.put(e.messageId(), e.platformOrderId());
                        assertTrue(before == null || before.equals(e.platformOrderId()), "one id, one order");
                    }
                }
                // each message went out twice: a copy arriving after core took the first is handed out again (core's
                // inbox drops the repeat by message id), a copy arriving before is merged in the buffer
                assertTrue(handed >= 12 && handed <= 24, "handed " + handed);
                assertEquals(orders.stream().map(PddMessagesTest::sn).collect(Collectors.toSet()), Set.copyOf(tidById.values()));
                assertEquals(12, tidById.size(), "one message per order");
                List<Long> arrival = tidById.keySet().stream().map(Long::parseLong).toList();
                assertFalse(arrival.equals(arrival.stream().sorted().toList()), "delivered out of order: " + arrival);
                waitFor(() -> f.sim.counters().getOrDefault("messages.sent", 0L) == 12, "12 sends");
                c.confirmMessages(new ArrayList<>(tidById.keySet()));
                waitFor(() -> f.sim.pendingMessages() == 0, "all acknowledged");
            } finally {
                c.close();
            }
        }
    }

    @Test
    void anUnacknowledgedMessageComesAgainAfterTheTimeoutAndAfterAReconnect() throws Exception {
        try (SimFixture f = new SimFixture(Map.of("redeliverMillis", "700"))) {
            PddConnector c = f.pushConnector();
            try {
                waitFor(() -> c.messageStatus().connected(), "connected");
                SimOrder o = paidOrders(f, 1).get(0);
                PushEvent first = collect(c, 1).get(0);
                assertEquals(sn(o), first.platformOrderId());
                // core did not confirm (say its store failed): PDD sends it again, the connector hands it out again
                PushEvent again = collect(c, 1).get(0);
                assertEquals(first.messageId(), again.messageId());
                waitFor(() -> f.sim.counters().getOrDefault("messages.redelivered", 0L) >= 1, "redelivered");

                f.sim.dropMessageConnections();
                waitFor(() -> f.sim.counters().getOrDefault("messages.connections", 0L) >= 2, "reconnected");
                PushEvent afterReconnect = collect(c, 1).get(0);
                assertEquals(first.messageId(), afterReconnect.messageId());
                c.confirmMessages(List.of(afterReconnect.messageId()));
                waitFor(() -> f.sim.pendingMessages() == 0, "acknowledged");
            } finally {
                c.close();
            }
        }
    }

    @Test
    void aWrongSecretIsRefusedAndReportedOnceWithoutATightLoop() throws Exception {
        try (SimFixture f = new SimFixture()) {
            PddSettings forged = f.settings().with(Clock.systemUTC(), "forged-secret", 1000, 1000);
            PddConnector c = new PddConnector(forged, f.messageSettings());
            try {
                waitFor(() -> c.messageStatus().refusals() == 1, "refused");
                ChannelException e = assertThrows(ChannelException.class, () -> c.consumeMessages(10));
                assertEquals(Kind.AUTH, e.kind());
                assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("20004"), e.getMessage());
                assertFalse(e.getMessage().contains("forged-secret"));
                assertEquals(List.of(), c.consumeMessages(10), "reported once per attempt, not on every poll");
                Thread.sleep(1500);
                assertEquals(1L, f.sim.counters().get("messages.refused"), "no tight reconnect loop");
                assertFalse(c.messageStatus().connected());
                assertTrue(c.messageStatus().lastError().contains("check appKey, appSecret"), c.messageStatus().lastError());
            } finally {
                c.close();
            }
            // a clock 20 minutes off is refused too (timestamp outside the window)
            PddSettings late = f.settings().with(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-20)), f.sim.clientSecret(),
                    1000, 1000);
            PddConnector d = new PddConnector(late, f.messageSettings());
            try {
                waitFor(() -> d.messageStatus().refusals() == 1, "refused");
                assertTrue(d.messageStatus().lastError().contains("10000"), d.messageStatus().lastError());
            } finally {
                d.close();
            }
        }
    }

    @Test
    void theServiceGoingAwayAndComingBackIsSurvived() throws Exception {
        try (SimFixture f = new SimFixture()) {
            PddConnector c = f.pushConnector();
            try {
                waitFor(() -> c.messageStatus().connected(), "connected");
                f.sim.messagesDown();
                waitFor(() -> !c.messageStatus().connected(), "noticed the loss");
                SimOrder o = paidOrders(f, 1).get(0);
                Thread.sleep(500); // a few failed attempts while it is down
                assertTrue(c.messageStatus().lastError() != null);
                f.sim.messagesUp();
                PushEvent e = collect(c, 1).get(0);
                assertEquals(sn(o), e.platformOrderId());
                c.confirmMessages(List.of(e.messageId()));
                waitFor(() -> f.sim.pendingMessages() == 0, "acknowledged after the comeback");
                assertTrue(c.messageStatus().connected());
                assertNull(c.messageStatus().lastError());
            } finally {
                c.close();
            }
        }
    }

    @Test
    void messagesOfAnotherMallAreLeftAloneAndPullOnlyShopsHaveNoMessages() throws Exception {
        try (SimFixture f = new SimFixture()) {
            PddMessageSettings other = new PddMessageSettings(f.sim.messageUrl(), f.sim.mallId() + 1, 100, Duration.ofMillis(200),
                    Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
            PddConnector c = new PddConnector(f.settings(), other);
            try {
                waitFor(() -> c.messageStatus().connected(), "connected");
                paidOrders(f, 2);
                waitFor(() -> f.sim.counters().getOrDefault("messages.sent", 0L) == 2, "sent");
                Thread.sleep(300);
                assertEquals(List.of(), c.consumeMessages(10));
                assertEquals(0, c.messageStatus().received());
                assertEquals(2, f.sim.pendingMessages(), "not acknowledged: another connector's");
            } finally {
                c.close();
            }
            PddConnector pullOnly = f.connector();
            assertFalse(pullOnly.capabilities().contains(Capability.MESSAGES));
            assertEquals(Kind.PERMANENT, assertThrows(ChannelException.class, () -> pullOnly.consumeMessages(1)).kind());
            assertNull(pullOnly.messageStatus());
        }
    }

    @Test
    void settingsAreCheckedAndDefaultsFollowTheSdks() {
        PddMessageSettings d = PddMessageSettings.of(PddConstants.MESSAGE_URL + "/", 42);
        assertEquals("wss://message-api.pinduoduo.com/message", d.messageUrl());
        assertEquals(Duration.ofSeconds(5), d.heartbeat());
        assertThrows(IllegalArgumentException.class, () -> PddMessageSettings.of("https://message-api.pinduoduo.com", 42));
        assertThrows(IllegalArgumentException.class, () -> PddMessageSettings.of(PddConstants.MESSAGE_URL, 0));
    }

    /** Paid orders, each with exactly one TradeConfirmed message (unpaid ones are paid at once). */
    private static List<SimOrder> paidOrders(SimFixture f, int n) {
        List<SimOrder> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            SimOrder o = f.sim.book().create();
            if (o.paidAt == null) {
                o = f.sim.book().pay(o.orderId).orElseThrow();
            }
            out.add(o);
        }
        return out;
    }

    private static String sn(SimOrder o) {
        return SN_DAY.format(o.created) + "-" + o.orderId;
    }

    /** Consumes until {@code n} events came (5 s at most), without confirming. */
    private static List<PushEvent> collect(PddConnector c, int n) throws InterruptedException {
        List<PushEvent> events = new ArrayList<>();
        long end = System.nanoTime() + 5_000_000_000L;
        while (events.size() < n) {
            try {
                events.addAll(c.consumeMessages(n - events.size()));
            } catch (ChannelException e) {
                assertEquals(Kind.TRANSIENT, e.kind(), e.getMessage()); // a failed reconnect, reported once
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + events.size() + " of " + n + " events in 5 s: " + events);
            }
            Thread.sleep(20);
        }
        return events;
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not in 5 s: " + what);
            }
            Thread.sleep(20);
        }
    }
}
