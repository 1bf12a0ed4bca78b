package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.channel.taobao.internal.api.TaobaoSigner;
import org.ordertower.sim.kit.SimOrder;

class TaobaoClientTest {

    private static TaobaoSettings withSecret(TaobaoSettings s, String secret) {
        return new TaobaoSettings(s.gatewayUrl(), s.oauthUrl(), s.appKey(), secret, s.shop(), s.accessToken(),
                s.refreshToken(), s.tokenExpiresAt(), s.appRatePerSecond(), s.shopRatePerSecond(), s.timeoutSeconds(),
                s.signMethod(), s.tmcGroup(), s.clock());
    }

    @Test
    void aWrongSecretIsRefusedAsAuthWithTopsCode() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            TaobaoConnector c = s.connector(withSecret(s.settings(), "not-the-secret"));
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch(o.orderId));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("25", e.platformCode());
            assertFalse(e.getMessage().contains("not-the-secret"));
            assertFalse(c.toString().contains("sim-secret") || c.toString().contains(s.sim.accessToken()));
        }
    }

    @Test
    void everySignMethodIsAccepted() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            for (String m : new String[] { "md5", "hmac", "hmac-sha256" }) {
                assertEquals(o.orderId, s.connector(s.settings().withSignMethod(m)).fetch(o.orderId).platformOrderId());
            }
        }
    }

    @Test
    void aTamperedRequestIsRefused() throws Exception {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            Map<String, String> p = new LinkedHashMap<>();
            p.put("method", "taobao.trade.fullinfo.get");
            p.put("app_key", s.appKey);
            p.put("session", s.sim.accessToken());
            p.put("timestamp", TaobaoConstants.TOP_TIME.format(Instant.now()));
            p.put("format", "json");
            p.put("v", "2.0");
            p.put("sign_method", "md5");
            p.put("fields", "tid,status");
            p.put("tid", o.orderId);
            p.put("sign", TaobaoSigner.signature("sim-secret", p));
            assertTrue(post(s, p).contains("trade_fullinfo_get_response"));
            p.put("tid", "400000000000001"); // changed after signing
            String answer = post(s, p);
            assertTrue(answer.contains("\"code\":25"), answer);
            assertTrue(answer.contains("error_response"), answer);
        }
    }

    @Test
    void aClockElevenMinutesOffIsReadFromTopsAnswerAndTheRefusedCallIsSignedAgainByIt() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            // this machine's clock 11 minutes behind TOP's: beyond the 10 minutes TOP allows
            Clock skewed = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-11));
            TaobaoConnector c = s.connector(s.settings().withClock(skewed));
            assertEquals(o.orderId, c.fetch(o.orderId).platformOrderId());
            assertEquals(1, s.counter("errors.31"), "the first call was refused for its timestamp, the second taken");
            long ahead = Duration.between(skewed.instant(), c.platformTime()).toSeconds();
            assertTrue(ahead >= 655 && ahead <= 665, "TOP's clock is read 11 minutes ahead, was " + ahead + " s");
            c.consumeMessages(10); // an app's call, signed by TOP's clock at once
            assertEquals(1, s.counter("errors.31"));
        }
    }

    @Test
    void anExpiredSessionIsRefreshedOnceAndTheCallSucceeds() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            TaobaoConnector c = s.connector();
            String before = s.sim.accessToken();
            s.sim.expireAccessToken();
            assertEquals(o.orderId, c.fetch(o.orderId).platformOrderId());
            assertEquals(1, s.counter("token.refreshed"));
            assertEquals(1, s.counter("errors.27"));
            AccessToken saved = s.tokens.saved.get("taobao/tea-shop");
            assertNotEquals(before, saved.accessToken());
            assertEquals(s.sim.accessToken(), saved.accessToken());
            // a new instance (restart) starts from the token store, not from the stale configured token
            assertEquals(o.orderId, s.connector().fetch(o.orderId).platformOrderId());
            assertEquals(1, s.counter("token.refreshed"));
        }
    }

    @Test
    void aTokenAboutToExpireIsRefreshedBeforeTheCall() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            TaobaoSettings b = s.settings();
            TaobaoSettings soon = new TaobaoSettings(b.gatewayUrl(), b.oauthUrl(), b.appKey(), b.appSecret(), b.shop(),
                    b.accessToken(), b.refreshToken(), Instant.now().plusSeconds(60), b.appRatePerSecond(),
                    b.shopRatePerSecond(), b.timeoutSeconds(), b.signMethod(), b.tmcGroup(), b.clock());
            assertEquals(o.orderId, s.connector(soon).fetch(o.orderId).platformOrderId());
            assertEquals(1, s.counter("token.refreshed"));
            assertEquals(0, s.counter("errors.27"));
        }
    }

    @Test
    void anExpiredSessionWithoutRefreshTokenIsAuth() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            TaobaoSettings b = s.settings();
            TaobaoSettings noRefresh = new TaobaoSettings(b.gatewayUrl(), b.oauthUrl(), b.appKey(), b.appSecret(), b.shop(),
                    b.accessToken(), null, null, b.appRatePerSecond(), b.shopRatePerSecond(), b.timeoutSeconds(),
                    b.signMethod(), b.tmcGroup(), b.clock());
            s.sim.expireAccessToken();
            ChannelException e = assertThrows(ChannelException.class, () -> s.connector(noRefresh).fetch(o.orderId));
            assertEquals(Kind.AUTH, e.kind());
            assertEquals("27/session-expired", e.platformCode());
        }
    }

    @Test
    void theConnectorsOwnLimiterKeepsItUnderTheSimulatorsLimit() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            s.sim.limit(5);
            TaobaoConnector polite = s.connector(s.settings().withRates(4, 4));
            for (int i = 0; i < 12; i++) {
                polite.fetch(o.orderId);
            }
            assertEquals(0, s.counter("errors.7"));
        }
    }

    @Test
    void overTheSimulatorsLimitSurfacesRateLimitedWithTheBanLength() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            s.sim.limit(2);
            TaobaoConnector eager = s.connector();
            ChannelException e = assertThrows(ChannelException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    eager.fetch(o.orderId);
                }
            });
            assertEquals(Kind.RATE_LIMITED, e.kind());
            assertEquals("7/accesscontrol.limited-by-app-access-count", e.platformCode());
            assertEquals(Duration.ofSeconds(1), e.retryAfter());
        }
    }

    @Test
    void gatewayAnswersUnknownMethodsAndBadParametersWithTopsCodes() {
        try (SimSupport s = new SimSupport()) {
            TaobaoClient client = new TaobaoClient(s.settings(), null);
            assertEquals("22", assertThrows(ChannelException.class, () -> client.call("taobao.no.such.api", Map.of())).platformCode());
            ChannelException big = assertThrows(ChannelException.class, () -> client.call(TaobaoConstants.TRADES_INCREMENT,
                    Map.of("fields", "tid", "start_modified", "2024-01-01 00:00:00", "end_modified", "2024-01-01 00:30:00",
                            "page_size", "101")));
            assertEquals("41/isv.invalid-parameter:page_size", big.platformCode());
            assertEquals(Kind.PERMANENT, big.kind());
            ChannelException day = assertThrows(ChannelException.class, () -> client.call(TaobaoConstants.TRADES_INCREMENT,
                    Map.of("fields", "tid", "start_modified", "2024-01-01 00:00:00", "end_modified", "2024-01-02 00:00:01")));
            assertEquals("41/isv.invalid-parameter:end_modified", day.platformCode());
            ChannelException missing = assertThrows(ChannelException.class,
                    () -> client.call(TaobaoConstants.TRADE_FULLINFO, Map.of("fields", "tid")));
            assertEquals("40/isv.missing-parameter:tid", missing.platformCode());
        }
    }

    @Test
    void settingsNameTheBadKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TaobaoSettings.of("ftp://x", "http://o",
                "k", "s", "shop", "t", null, null, null));
        assertTrue(e.getMessage().startsWith("gatewayUrl"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TaobaoSettings.of("http://g", "http://o", "k", " ", "shop", "t",
                null, null, null));
        assertTrue(e.getMessage().startsWith("appSecret"), e.getMessage());
        assertFalse(TaobaoSettings.of("http://g", "http://o", "k", "TOPSECRET", "shop", "TOKEN", "REFRESH", null, null)
                .toString().matches(".*(TOPSECRET|TOKEN|REFRESH).*"));
    }

    private static String post(SimSupport s, Map<String, String> p) throws Exception {
        StringJoiner body = new StringJoiner("&");
        p.forEach((k, v) -> body.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest r = HttpRequest.newBuilder(URI.create(s.sim.gatewayUrl()))
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
    }
}
