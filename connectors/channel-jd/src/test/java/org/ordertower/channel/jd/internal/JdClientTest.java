package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.jd.internal.api.JdClient;
import org.ordertower.sim.kit.SimRequest;

class JdClientTest {

    @Test
    void signedCallCarriesSystemParamsAndOneParamJson() {
        try (JdSimFixture f = new JdSimFixture()) {
            f.sim.book().create();
            new JdClient(f.settings()).call("jingdong.pop.order.search", Map.of("start_date", "2024-01-01 00:00:00",
                    "end_date", "2024-01-01 00:10:00", "optional_fields", "orderId", "page", "1", "page_size", "50"));
            SimRequest call = f.sim.server().calls().get(f.sim.server().calls().size() - 1);
            assertEquals("POST", call.method());
            assertEquals(Map.of(), call.query());
            assertEquals(java.util.Set.of("method", "access_token", "app_key", "timestamp", "v", "360buy_param_json",
                    "sign"), call.form().keySet());
            assertEquals("2.0", call.param("v"));
            assertTrue(call.param("timestamp").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
            assertEquals("{\"end_date\":\"2024-01-01 00:10:00\",\"optional_fields\":\"orderId\",\"page\":\"1\","
                    + "\"page_size\":\"50\",\"start_date\":\"2024-01-01 00:00:00\"}", call.param("360buy_param_json"));
            assertFalse(call.body().contains(f.sim.appSecret()), "the secret never travels");
        }
    }

    @Test
    void wrongSecretIsAuthWithJdCode12() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = new JdConnector(f.settings().withSecret("not-the-secret"));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("281046817000"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("12", e.platformCode());
            assertFalse(e.getMessage().contains("not-the-secret"));
            assertEquals(1L, f.sim.counters().get("badSignatures"));
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceSavedAndTheCallSucceeds() {
        try (JdSimFixture f = new JdSimFixture()) {
            String id = f.sim.book().create().orderId;
            f.sim.book().pay(id);
            f.sim.expireAccessTokens();
            JdConnector c = f.connector();
            assertEquals(id, c.fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("tokenRefreshes"));
            AccessToken saved = f.tokens.saved.get("jd/" + JdSimFixture.SHOP);
            assertNotEquals(f.sim.accessToken(), saved.accessToken());
            assertNotEquals(f.sim.refreshToken(), saved.refreshToken(), "JD rotates the refresh token");
            assertTrue(saved.expiresAt().isAfter(Instant.now().plusSeconds(3600)));
            // a new instance ("restart") starts from the stored token, no second refresh
            assertEquals(id, f.connector().fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("tokenRefreshes"));
        }
    }

    @Test
    void tokenAboutToExpireIsRefreshedBeforeTheCall() {
        try (JdSimFixture f = new JdSimFixture()) {
            String id = f.sim.book().create().orderId;
            f.sim.book().pay(id);
            JdConnector c = new JdConnector(f.settings().withTokenExpiresAt(Instant.now().plusSeconds(60)));
            c.fetch(id);
            assertEquals(1L, f.sim.counters().get("tokenRefreshes"));
            assertEquals(null, f.sim.counters().get("badTokens"));
        }
    }

    @Test
    void expiredTokenWithoutRefreshTokenIsAuth() {
        try (JdSimFixture f = new JdSimFixture()) {
            f.sim.expireAccessTokens();
            JdSettings s = f.settings();
            JdConnector c = new JdConnector(new JdSettings(s.gatewayUrl(), s.oauthUrl(), s.appKey(), s.appSecret(),
                    s.shop(), s.accessToken(), "", null, null, 100, 100, Duration.ofSeconds(5), 50, null));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("281046817000"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("19", e.platformCode());
        }
    }

    @Test
    void aClockTenMinutesOffIsReadFromJosAnswerAndTheRefusedCallIsSignedAgainByIt() {
        try (JdSimFixture f = new JdSimFixture()) {
            String id = f.sim.book().create().orderId;
            f.sim.book().pay(id); // JD shows paid orders only
            JdSettings s = f.settings();
            // this machine's clock 10 minutes ahead of JOS's: beyond the 6 minutes JOS allows
            Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
            JdConnector c = new JdConnector(new JdSettings(s.gatewayUrl(), s.oauthUrl(), s.appKey(), s.appSecret(),
                    s.shop(), s.accessToken(), s.refreshToken(), null, null, 100, 100, s.timeout(), 50, late));
            assertEquals(id, c.fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("errors"), "the first call was refused for its timestamp");
            long behind = Duration.between(c.platformTime(), late.instant()).toSeconds();
            assertTrue(behind >= 595 && behind <= 605, "JOS's clock is read 10 minutes behind, was " + behind + " s");
            assertEquals(id, c.fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("errors"), "signed by JOS's clock from then on");
        }
    }

    @Test
    void unknownMethodIsPermanentWithCode15() {
        try (JdSimFixture f = new JdSimFixture()) {
            ChannelException e = assertThrows(ChannelException.class,
                    () -> new JdClient(f.settings()).call("jingdong.pop.order.nothing", Map.of()));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("15", e.platformCode());
        }
    }

    @Test
    void deadGatewayIsTransient() {
        JdSettings s = JdSettings.of("http://127.0.0.1:1/routerjson", "http://127.0.0.1:1", "k", "s", "shop", "t", null,
                null);
        ChannelException e = assertThrows(ChannelException.class, () -> new JdConnector(s).fetch("1"));
        assertEquals(Kind.TRANSIENT, e.kind());
    }

    @Test
    void theSimulatorsRateLimitIsJdCode2AndTheConnectorsLimiterKeepsBelowIt() {
        try (JdSimFixture f = new JdSimFixture(Map.of("ratePerSecond", "5"))) {
            String id = f.sim.book().create().orderId;
            f.sim.book().pay(id);
            JdClient fast = new JdClient(f.settings());
            ChannelException limited = null;
            for (int i = 0; i < 30 && limited == null; i++) {
                try {
                    fast.call("jingdong.pop.order.get", Map.of("order_id", id, "optional_fields", "orderId"));
                } catch (ChannelException e) {
                    limited = e;
                }
            }
            assertTrue(limited != null, "30 calls at once exceed 5/s");
            assertEquals(Kind.RATE_LIMITED, limited.kind());
            assertEquals("2", limited.platformCode());
            assertTrue(limited.retryAfter() != null);

            // a connector limited to 4/s: 12 calls take ~2 s and none is refused
            JdSimFixture.MemoryTokens tokens = new JdSimFixture.MemoryTokens();
            JdSettings s = f.settings();
            JdConnector polite = new JdConnector(new JdSettings(s.gatewayUrl(), s.oauthUrl(), s.appKey() , s.appSecret(),
                    s.shop(), s.accessToken(), s.refreshToken(), null, tokens, 1000, 4, s.timeout(), 50, null));
            long refusedBefore = f.sim.counters().getOrDefault("rateLimited", 0L);
            sleep(1200);
            for (int i = 0; i < 12; i++) {
                try {
                    polite.fetch(id);
                } catch (ChannelException e) {
                    assertEquals(Kind.RATE_LIMITED, e.kind(), "only ever RATE_LIMITED");
                }
            }
            assertEquals(refusedBefore, f.sim.counters().getOrDefault("rateLimited", 0L));
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
