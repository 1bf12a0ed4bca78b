package org.ordertower.channel.pdd.internal;

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

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.sim.kit.SimOrder;

/** Auth, token refresh and rate limits against the simulator over HTTP. */
class PddClientTest {

    private static String anyOrder(SimFixture fx) {
        SimOrder o = fx.sim.book().create();
        return java.time.format.DateTimeFormatter.ofPattern("yyMMdd").withZone(PddConstants.CHINA).format(o.created) + "-"
                + o.orderId;
    }

    @Test
    void aClockElevenMinutesOffIsReadFromPddsAnswerAndTheRefusedCallIsSignedAgainByIt() {
        try (SimFixture fx = new SimFixture()) {
            // this machine's clock 11 minutes behind PDD's: beyond the 10 minutes PDD allows
            Clock skewed = Clock.offset(Clock.systemUTC(), java.time.Duration.ofMinutes(-11));
            PddConnector c = new PddConnector(fx.settings().with(skewed, fx.sim.clientSecret(), 100, 100));
            String sn = anyOrder(fx);
            assertEquals(sn, c.fetch(sn).platformOrderId());
            assertEquals(1L, fx.sim.counters().get("errors"), "the first call was refused for its timestamp");
            // pdd.time.get says the same as the Date header
            long ahead = java.time.Duration.between(skewed.instant(), c.platformTime()).toSeconds();
            assertTrue(ahead >= 655 && ahead <= 665, "PDD's clock is read 11 minutes ahead, was " + ahead + " s");
            assertEquals(sn, c.fetch(sn).platformOrderId());
            assertEquals(1L, fx.sim.counters().get("errors"), "signed by PDD's clock from then on");
        }
    }

    @Test
    void aWrongSecretIsRefusedAsAuthWithPddsCode() {
        try (SimFixture fx = new SimFixture()) {
            PddConnector c = new PddConnector(fx.settings().with(Clock.systemUTC(), "not-the-secret", 100, 100));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch(anyOrder(fx)));
            assertEquals(ChannelException.Kind.AUTH, e.kind());
            assertEquals("20004", e.platformCode());
            assertFalse(e.getMessage().contains("not-the-secret"), "no secret in messages");
            assertEquals(1L, fx.sim.counters().get("badSignatures"));
        }
    }

    @Test
    void anExpiredTokenIsRefreshedOnceAndTheCallSucceeds() {
        try (SimFixture fx = new SimFixture()) {
            PddConnector c = fx.connector();
            String sn = anyOrder(fx);
            fx.sim.expireAccessTokens();
            assertEquals(sn, c.fetch(sn).platformOrderId());
            assertEquals(1L, fx.sim.counters().get("tokenRefreshes"));
            assertEquals(1L, fx.sim.counters().get("tokensRefused"));
            AccessToken saved = fx.tokens.saved.get("pdd/mall-7");
            assertNotNull(saved, "the refreshed token is saved through the TokenStore");
            assertNotEquals(fx.sim.accessToken(), saved.accessToken());
            assertTrue(saved.expiresAt().isAfter(Instant.now()));
            // a restarted connector starts from the stored token, not the configured (expired) one
            assertEquals(sn, fx.connector().fetch(sn).platformOrderId());
            assertEquals(1L, fx.sim.counters().get("tokenRefreshes"));
        }
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCall() {
        try (SimFixture fx = new SimFixture()) {
            PddConnector c = new PddConnector(fx.settings().withTokenExpiresAt(Instant.now().plusSeconds(60)));
            c.fetch(anyOrder(fx));
            assertEquals(1L, fx.sim.counters().get("tokenRefreshes"));
            assertEquals(0L, fx.sim.counters().getOrDefault("tokensRefused", 0L), "no call was refused");
        }
    }

    @Test
    void anExpiredTokenWithoutRefreshTokenIsAuth() {
        try (SimFixture fx = new SimFixture()) {
            PddSettings s = fx.settings();
            PddConnector c = new PddConnector(new PddSettings(s.gatewayUrl(), s.clientId(), s.clientSecret(), s.shop(),
                    s.accessToken(), null, null, null, 100, 100, Duration.ofSeconds(5), 100, Clock.systemUTC()));
            String sn = anyOrder(fx);
            fx.sim.expireAccessTokens();
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch(sn));
            assertEquals(ChannelException.Kind.AUTH, e.kind());
            assertEquals("10019", e.platformCode());
        }
    }

    @Test
    void theConnectorsOwnLimiterKeepsItUnderThePlatformsRate() {
        try (SimFixture fx = new SimFixture(Map.of("ratePerSecond", "5"))) {
            PddConnector c = new PddConnector(fx.settings().with(Clock.systemUTC(), fx.sim.clientSecret(), 4, 4));
            for (int i = 0; i < 14; i++) {
                c.platformTime();
            }
            assertEquals(0L, fx.sim.counters().getOrDefault("rateLimited", 0L));
        }
    }

    @Test
    void thePlatformsLimitSurfacesAsRateLimited() {
        try (SimFixture fx = new SimFixture(Map.of("ratePerSecond", "2"))) {
            PddConnector c = fx.connector();
            ChannelException e = assertThrows(ChannelException.class, () -> {
                for (int i = 0; i < 10; i++) {
                    c.platformTime();
                }
            });
            assertEquals(ChannelException.Kind.RATE_LIMITED, e.kind());
            assertEquals("70031", e.platformCode());
            assertNotNull(e.retryAfter());
        }
    }

    @Test
    void anUnreachableGatewayIsTransient() {
        PddSettings s = PddSettings.of("http://127.0.0.1:9/api/router", "app-unreachable", "secret", "mall", "token", null,
                null);
        ChannelException e = assertThrows(ChannelException.class, () -> new PddConnector(s).platformTime());
        assertEquals(ChannelException.Kind.TRANSIENT, e.kind());
    }
}
