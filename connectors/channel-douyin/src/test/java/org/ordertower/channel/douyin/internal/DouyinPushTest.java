package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
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
import org.ordertower.connector.kit.sim.SimOrder;

import com.sun.net.httpserver.HttpServer;

/** The simulator pushes to a receiver in the test; the connector verifies what arrived. */
class DouyinPushTest {
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
}
