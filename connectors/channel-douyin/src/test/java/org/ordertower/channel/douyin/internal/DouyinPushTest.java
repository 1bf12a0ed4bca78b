package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.SimOrder;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

/** The simulator pushes to a receiver in the test; the connector verifies what arrived. */
class DouyinPushTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final List<PushRequest> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private final HttpServer receiver;

    DouyinPushTest() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/webhook", ex -> {
            try (ex) {
                String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                Map<String, String> headers = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                boolean fail = failFirst.getAndDecrement() > 0;
                if (!fail) {
                    received.add(new PushRequest(headers, Map.of(), body, Instant.now()));
                }
                byte[] answer = (fail ? "{\"code\":40041,\"msg\":\"busy\"}" : "{\"code\":0,\"msg\":\"success\"}")
                        .getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(200, answer.length);
                ex.getResponseBody().write(answer);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/webhook";
    }

    private void await(int n) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (received.size() < n && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(received.size() >= n, "received " + received.size() + " of " + n);
    }

    @Test
    void signedPushesVerifyDuplicatesKeepTheirMessageIdAndFailedDeliveriesAreRetried() throws Exception {
        failFirst.set(1);
        try (SimShop shop = new SimShop(Map.of("pushUrl", url(), "duplicatePushes", "true", "pushRetryMillis", "50"))) {
            SimOrder o = shop.sim.book().create(Instant.now());
            int expected = (o.paidAt != null ? 2 : 1) * 2;
            await(expected);
            DouyinConnector c = shop.connector();
            Map<String, Integer> byMessage = new HashMap<>();
            for (PushRequest r : received) {
                for (PushEvent e : c.verifyPush(r)) {
                    assertEquals(o.orderId, e.platformOrderId());
                    assertEquals("4463798", e.shop());
                    assertTrue(List.of("100", "101").contains(e.topic()));
                    byMessage.merge(e.messageId(), 1, Integer::sum);
                }
            }
            assertEquals(expected / 2, byMessage.size());
            assertTrue(byMessage.values().stream().allMatch(n -> n == 2), "each message twice, same msg_id: " + byMessage);
            assertTrue(shop.sim.counters().get("pushRetries") >= 1);
        }
    }

    @Test
    void hmacSignedAndShuffledPushesVerifyTooAndATamperedOneIsAuth() throws Exception {
        try (SimShop shop = new SimShop(Map.of("pushUrl", url(), "pushSignMethod", "hmac-sha256", "shufflePushes", "true"))) {
            for (int i = 0; i < 5; i++) {
                shop.sim.book().create(Instant.now());
            }
            await(5);
            DouyinConnector c = shop.connector();
            PushRequest first = received.get(0);
            assertEquals("hmac-sha256", first.header("sign-method"));
            assertEquals(1, c.verifyPush(first).size());
            PushRequest tampered = new PushRequest(first.headers(), Map.of(), first.body().replace("\"tag\":\"10", "\"tag\":\"11"),
                    first.receivedAt());
            ChannelException e = assertThrows(ChannelException.class, () -> c.verifyPush(tampered));
            assertEquals(Kind.AUTH, e.kind());
        }
    }

    private static PushRequest signed(String appKey, String secret, String body, Instant at) {
        Map<String, String> h = Map.of("app-id", appKey, "event-sign", Digests.md5Hex(appKey + body + secret));
        return new PushRequest(h, Map.of(), body, at);
    }

    @Test
    void staleEventsWrongAppsPingsAndMalformedBodies() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            Instant now = Instant.now();
            String stale = "[{\"tag\":\"101\",\"msg_id\":\"m1\",\"data\":\"{\\\"p_id\\\":690000000000000001,\\\"shop_id\\\":4463798,"
                    + "\\\"pay_time\\\":" + now.minusSeconds(3 * 86_400).getEpochSecond() + "}\"}]";
            ChannelException e = assertThrows(ChannelException.class, () -> c.verifyPush(signed(shop.appKey, shop.secret, stale, now)));
            assertEquals(Kind.AUTH, e.kind());
            assertTrue(e.getMessage().contains("replay window"));
            String fresh = stale.replace(String.valueOf(now.minusSeconds(3 * 86_400).getEpochSecond()),
                    String.valueOf(now.getEpochSecond()));
            List<PushEvent> events = c.verifyPush(signed(shop.appKey, shop.secret, fresh, now));
            assertEquals("m1", events.get(0).messageId());
            assertEquals("690000000000000001", events.get(0).platformOrderId());
            e = assertThrows(ChannelException.class, () -> c.verifyPush(signed("7000000000000000999", shop.secret, fresh, now)));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals(List.of(), c.verifyPush(signed(shop.appKey, shop.secret,
                    "[{\"tag\":\"0\",\"msg_id\":\"0\",\"data\":\"{}\"}]", now)), "the platform's address check");
            e = assertThrows(ChannelException.class, () -> c.verifyPush(signed(shop.appKey, shop.secret, "{\"tag\":", now)));
            assertEquals(Kind.PERMANENT, e.kind());
            e = assertThrows(ChannelException.class, () -> c.verifyPush(signed(shop.appKey, shop.secret,
                    "[{\"tag\":\"100\",\"msg_id\":\"m\",\"data\":\"{\\\"shop_id\\\":1}\"}]", now)));
            assertEquals(Kind.PERMANENT, e.kind());
            assertTrue(e.getMessage().contains("p_id"));
        }
    }

    /** The events of every push received so far, in order. */
    private List<PushEvent> events(DouyinConnector c) {
        List<PushEvent> out = new ArrayList<>();
        for (PushRequest r : received) {
            out.addAll(c.verifyPush(r));
        }
        return out;
    }

    @Test
    void aPartShipmentIsPushedAs108TheRestAs102AndARefundSuccessAs206WithItsSuccessTime() throws Exception {
        try (SimShop shop = new SimShop(Map.of("pushUrl", url()))) {
            SimOrder o = shop.sim.book().create(Instant.now());
            while (o.lines.size() < 2 || o.paidAt == null) {
                o = shop.sim.book().create(Instant.now());
            }
            String orderId = o.orderId;
            shop.sim.book().ship(orderId, List.of(o.lines.get(0).lineId), "zhongtong", "ZT1");
            shop.sim.book().ship(orderId, List.of(), "zhongtong", "ZT2");
            SimOrder refunded = shop.sim.book().create(Instant.now());
            while (refunded.paidAt == null) {
                refunded = shop.sim.book().create(Instant.now());
            }
            shop.sim.book().requestRefund(refunded.orderId, null);
            shop.sim.book().refund(refunded.orderId, null);
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            DouyinConnector c = shop.connector();
            List<String> shipTags;
            List<PushEvent> refundEvents;
            do {
                Thread.sleep(20);
                List<PushEvent> all = events(c);
                shipTags = all.stream().filter(e -> e.platformOrderId().equals(orderId) && e.topic().matches("10[28]"))
                        .map(PushEvent::topic).toList();
                String rid = refunded.orderId;
                refundEvents = all.stream().filter(e -> e.platformOrderId().equals(rid) && e.topic().startsWith("20")).toList();
            } while ((shipTags.size() < 2 || refundEvents.size() < 2) && System.nanoTime() < until);
            assertEquals(List.of("108", "102"), shipTags);
            assertEquals(List.of("200", "206"), refundEvents.stream().map(PushEvent::topic).toList());
            PushEvent success = refundEvents.get(1);
            assertEquals(PushEvent.Kind.ORDER, success.kind());
            assertTrue(success.occurredAt() != null && !success.occurredAt().isAfter(Instant.now()), "success_time read");
            assertTrue(received.stream().anyMatch(r -> r.body().contains("success_time")));
        }
    }

    @Test
    void aProductMessageInABatchBecomesAListingEventAndTheOrderMessagesStillCount() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            long now = Instant.now().getEpochSecond();
            String body = batch(message("101", "m1", Map.of("p_id", 6900000000000000001L, "shop_id", 4463798, "pay_time", now)),
                    message("400", "m2", Map.of("event", 10, "product_id", 3500000000000000002L, "out_product_id", 0, "shop_id",
                            4463798, "update_time", now)),
                    message("400", "m3", Map.of("event", 2, "shop_id", 4463798)), // no product id: skipped
                    message("999", "m4", Map.of("shop_id", 4463798)), // neither order nor product: skipped
                    message("207", "m5", Map.of("p_id", 6900000000000000002L, "s_id", 6900000000000000003L, "shop_id", 4463798,
                            "aftersale_id", "7", "close_time", now - 60)));
            List<PushEvent> events = c.verifyPush(signed(shop.appKey, shop.secret, body, Instant.now()));
            assertEquals(List.of("m1", "m2", "m5"), events.stream().map(PushEvent::messageId).toList());
            assertEquals(PushEvent.Kind.ORDER, events.get(0).kind());
            assertEquals("6900000000000000001", events.get(0).platformOrderId());
            PushEvent product = events.get(1);
            assertEquals(PushEvent.Kind.LISTING, product.kind());
            assertEquals("3500000000000000002", product.platformOrderId());
            assertEquals("400", product.topic());
            assertEquals("4463798", product.shop());
            assertEquals(Instant.ofEpochSecond(now), product.occurredAt());
            assertEquals("207", events.get(2).topic());
            assertEquals(Instant.ofEpochSecond(now - 60), events.get(2).occurredAt(), "refund closed: close_time");
            // an after-sale tag without p_id is still malformed
            ChannelException e = assertThrows(ChannelException.class, () -> c.verifyPush(signed(shop.appKey, shop.secret,
                    batch(message("206", "m6", Map.of("shop_id", 4463798))), Instant.now())));
            assertEquals(Kind.PERMANENT, e.kind());
        }
    }

    @Test
    void theSimulatorPushesProductChangesWhichVerifyAsListingEvents() throws Exception {
        try (SimShop shop = new SimShop(Map.of("pushUrl", url()))) {
            String product = shop.sim.book().listings().get(0).itemId();
            shop.sim.productChanged(product, 10);
            await(1);
            List<PushEvent> events = shop.connector().verifyPush(received.get(0));
            assertEquals(1, events.size());
            assertEquals(PushEvent.Kind.LISTING, events.get(0).kind());
            assertEquals(product, events.get(0).platformOrderId());
            assertEquals("400", events.get(0).topic());
            assertThrows(IllegalArgumentException.class, () -> shop.sim.productChanged("123", 10));
        }
    }

    @Test
    void theEventSignIsComparedIgnoringItsHexCase() {
        try (SimShop shop = new SimShop()) {
            DouyinConnector c = shop.connector();
            Instant now = Instant.now();
            String body = batch(message("101", "m1", Map.of("p_id", 6900000000000000001L, "shop_id", 4463798, "pay_time",
                    now.getEpochSecond())));
            String lower = Digests.md5Hex(shop.appKey + body + shop.secret);
            String upper = lower.toUpperCase(Locale.ROOT);
            assertNotEquals(lower, upper, "the digest has letters");
            PushRequest shouted = new PushRequest(Map.of("app-id", shop.appKey, "event-sign", upper), Map.of(), body, now);
            assertEquals("m1", c.verifyPush(shouted).get(0).messageId());
            String wrong = Digests.md5Hex(shop.appKey + body + "other").toUpperCase(Locale.ROOT);
            PushRequest forged = new PushRequest(Map.of("app-id", shop.appKey, "event-sign", wrong), Map.of(), body, now);
            assertEquals(Kind.AUTH, assertThrows(ChannelException.class, () -> c.verifyPush(forged)).kind());
        }
    }

    /** One message of a push: {@code data} travels as a JSON string. */
    private static ObjectNode message(String tag, String msgId, Map<String, Object> data) {
        ObjectNode m = MAPPER.createObjectNode();
        return m.put("tag", tag).put("msg_id", msgId).put("data", MAPPER.valueToTree(data).toString());
    }

    private static String batch(ObjectNode... messages) {
        ArrayNode a = MAPPER.createArrayNode();
        for (ObjectNode m : messages) {
            a.add(m);
        }
        return a.toString();
    }
}
