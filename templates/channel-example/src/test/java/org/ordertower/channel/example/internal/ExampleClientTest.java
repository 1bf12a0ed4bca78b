package org.ordertower.channel.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.example.internal.api.ExampleClient;
import org.ordertower.sim.kit.SimRequest;

class ExampleClientTest {

    @Test
    void signedCallCarriesTheSystemParamsAsAForm() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            String id = f.sim.book().create().orderId;
            new ExampleClient(f.settings()).call("order.get", Map.of("order_id", id));
            SimRequest call = f.sim.server().calls().get(f.sim.server().calls().size() - 1);
            assertEquals("POST", call.method());
            assertEquals(Map.of(), call.query());
            assertEquals(Set.of("method", "app_key", "timestamp", "v", "access_token", "order_id", "sign"),
                    call.form().keySet());
            assertTrue(call.param("timestamp").matches("\\d{10}"));
            assertTrue(call.param("sign").matches("[0-9a-f]{64}"));
            assertFalse(call.body().contains(f.sim.appSecret()), "the secret never travels");
        }
    }

    @Test
    void wrongSecretIsAuthWithCode40101() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            ExampleConnector c = new ExampleConnector(f.settings().withSecret("not-the-secret"));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("7100000000"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("40101", e.platformCode());
            assertFalse(e.getMessage().contains("not-the-secret"));
            assertEquals(1L, f.sim.counters().get("badSignatures"));
        }
    }

    @Test
    void unknownAppKeyIsAuthWithCode40102() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            ExampleSettings s = f.settings();
            ExampleConnector c = new ExampleConnector(new ExampleSettings(s.gatewayUrl(), "someone-else", s.appSecret(),
                    s.shop(), s.accessToken(), null, null, null, 100, 100, s.timeout(), 50, null));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("7100000000"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("40102", e.platformCode());
        }
    }

    @Test
    void expiredTokenIsRefreshedOnceSavedAndTheCallSucceeds() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            String id = f.sim.book().create().orderId;
            f.sim.expireAccessTokens();
            assertEquals(id, f.connector().fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("tokenRefreshes"));
            AccessToken saved = f.tokens.saved.get("example/" + ExampleSimFixture.SHOP);
            assertNotNull(saved, "the refreshed token is saved through core's token store");
            assertNotEquals(f.sim.accessToken(), saved.accessToken());
            assertNotEquals(f.sim.refreshToken(), saved.refreshToken(), "the refresh token rotates");
            assertTrue(saved.expiresAt().isAfter(Instant.now().plusSeconds(3600)));
            // a new instance ("restart") starts from the stored token, no second refresh
            assertEquals(id, f.connector().fetch(id).platformOrderId());
            assertEquals(1L, f.sim.counters().get("tokenRefreshes"));
        }
    }

    @Test
    void expiredTokenWithoutRefreshTokenIsAuthWithCode40104() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            f.sim.expireAccessTokens();
            ExampleConnector c = new ExampleConnector(f.settings().withTokens(f.sim.accessToken(), "", null));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("7100000000"));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("40104", e.platformCode());
        }
    }

    @Test
    void skewedClockIsPermanentWithCode40105() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            ExampleSettings s = f.settings();
            Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
            ExampleConnector c = new ExampleConnector(new ExampleSettings(s.gatewayUrl(), s.appKey(), s.appSecret(),
                    s.shop(), s.accessToken(), s.refreshToken(), null, null, 100, 100, s.timeout(), 50, late));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("7100000000"));
            assertEquals(Kind.PERMANENT, e.kind());
            assertEquals("40105", e.platformCode());
        }
    }

    @Test
    void thePlatformsRateLimitIsRateLimited() {
        try (ExampleSimFixture f = new ExampleSimFixture(Map.of("ratePerSecond", "3"))) {
            String id = f.sim.book().create().orderId;
            ExampleClient fast = new ExampleClient(f.settings());
            ChannelException limited = null;
            for (int i = 0; i < 20 && limited == null; i++) {
                try {
                    fast.call("order.get", Map.of("order_id", id));
                } catch (ChannelException e) {
                    limited = e;
                }
            }
            assertNotNull(limited, "20 calls at once exceed 3/s");
            assertEquals(Kind.RATE_LIMITED, limited.kind());
            assertEquals("42901", limited.platformCode());
            assertNotNull(limited.retryAfter());
        }
    }

    @Test
    void deadGatewayIsTransient() {
        ExampleSettings s = ExampleSettings.of("http://127.0.0.1:1/router", "k", "s", "shop", "t", null, null);
        assertEquals(Kind.TRANSIENT, assertThrows(ChannelException.class, () -> new ExampleConnector(s).fetch("1"))
                .kind());
    }
}
