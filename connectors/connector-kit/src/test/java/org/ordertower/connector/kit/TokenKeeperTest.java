package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.TokenStore;

class TokenKeeperTest {
    private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final MemoryStore store = new MemoryStore();
    private final AtomicInteger renewals = new AtomicInteger();
    private final TokenKeeper.Renewal renewal = current -> {
        int n = renewals.incrementAndGet();
        return new AccessToken("access-" + n, NOW.plusSeconds(86_400), "refresh-" + n, null);
    };

    @Test
    void savedFirstStartsFromTheStoreElseTheConfiguredTokenWithBlanksAsNone() {
        AccessToken saved = new AccessToken("saved", NOW.plusSeconds(3_600), "saved-refresh", null);
        store.save("pdd", "shop-1", saved);
        assertSame(saved, keeper("shop-1", new AccessToken("configured", NOW.plusSeconds(7_200), null, null)).current());

        AccessToken configured = keeper("shop-2", new AccessToken("configured", NOW.plusSeconds(7_200), " ", null))
                .current();
        assertEquals("configured", configured.accessToken());
        assertNull(configured.refreshToken(), "a blank refresh token is none");
    }

    @Test
    void laterExpiryFirstTakesWhicheverExpiresLater() {
        store.save("douyin", "shop", new AccessToken("saved", NOW.plusSeconds(3_600), "r", null));
        AccessToken later = new AccessToken("configured", NOW.plusSeconds(7_200), "r2", null);
        assertEquals("configured", TokenKeeper.laterExpiryFirst("douyin", "shop", later, store, CLOCK, MARGIN, renewal)
                .current().accessToken());
        AccessToken earlier = new AccessToken("configured", NOW.plusSeconds(60), "r2", null);
        assertEquals("saved", TokenKeeper.laterExpiryFirst("douyin", "shop", earlier, store, CLOCK, MARGIN, renewal)
                .current().accessToken());
        assertEquals("saved", TokenKeeper.laterExpiryFirst("douyin", "shop", null, store, CLOCK, MARGIN, renewal)
                .current().accessToken());
    }

    @Test
    void aTokenWithinTheMarginIsRenewedAndSavedBeforeTheCall() {
        TokenKeeper fresh = keeper("shop", new AccessToken("a", NOW.plus(MARGIN).plusSeconds(1), "r", null));
        assertEquals("a", fresh.forCall().accessToken());
        assertEquals(0, renewals.get());

        TokenKeeper due = keeper("shop", new AccessToken("a", NOW.plus(MARGIN), "r", null));
        assertEquals("access-1", due.forCall().accessToken());
        assertEquals("access-1", store.load("pdd", "shop").orElseThrow().accessToken());
        assertEquals("access-1", due.forCall().accessToken(), "renewed once");
        assertEquals(1, renewals.get());
    }

    @Test
    void aMissingAccessTokenIsRenewedWhenItCanBe() {
        assertEquals("access-1", keeper("shop", new AccessToken(null, null, "r", null)).forCall().accessToken());
        assertNull(keeper("other", new AccessToken("", null, null, null)).forCall().accessToken(),
                "nothing to renew with: the caller decides");
        assertEquals(1, renewals.get());
    }

    @Test
    void afterARefusalTheTokenIsRenewedOnceEvenWhenTwoCallersSawItRefused() {
        TokenKeeper keeper = keeper("shop", new AccessToken("a", NOW.plusSeconds(86_400), "r", null));
        assertTrue(keeper.afterRefusal("a"));
        assertTrue(keeper.afterRefusal("a"), "another caller already renewed: try the new one");
        assertEquals(1, renewals.get());
        assertEquals("access-1", keeper.current().accessToken());
    }

    @Test
    void aRefusalStandsWithoutARenewal() {
        TokenKeeper keeper = keeper("shop", new AccessToken("a", null, null, null));
        assertFalse(keeper.afterRefusal("a"));
        assertEquals(0, renewals.get());
    }

    @Test
    void thePlatformDecidesWhetherARenewalIsPossible() {
        TokenKeeper.Renewal expiring = new TokenKeeper.Renewal() {
            @Override
            public AccessToken renew(AccessToken current) {
                return renewal.renew(current);
            }

            @Override
            public boolean possible(AccessToken current, Instant now) {
                return current.refreshToken() != null && now.isBefore(current.refreshExpiresAt());
            }
        };
        TokenKeeper keeper = TokenKeeper.savedFirst("taobao", "shop", new AccessToken("a", NOW, "r", NOW), store, CLOCK,
                MARGIN, expiring);
        assertEquals("a", keeper.forCall().accessToken(), "the refresh token expired too");
        assertFalse(keeper.afterRefusal("a"));
        assertEquals(0, renewals.get());
    }

    private TokenKeeper keeper(String shop, AccessToken configured) {
        return TokenKeeper.savedFirst("pdd", shop, configured, store, CLOCK, MARGIN, renewal);
    }

    private static final class MemoryStore implements TokenStore {
        private final Map<String, AccessToken> tokens = new HashMap<>();

        @Override
        public Optional<AccessToken> load(String channel, String shop) {
            return Optional.ofNullable(tokens.get(channel + "/" + shop));
        }

        @Override
        public void save(String channel, String shop, AccessToken token) {
            tokens.put(channel + "/" + shop, token);
        }
    }
}
