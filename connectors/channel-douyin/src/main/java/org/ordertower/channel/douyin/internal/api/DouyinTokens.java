package org.ordertower.channel.douyin.internal.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.douyin.internal.DouyinConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A shop's access token: the newest of the token store's and the configured one, refreshed with
 * token.refresh before it expires and once after the gateway refuses it as expired. The refresh token
 * rotates: every refresh answers a new one, which is saved at once. Thread-safe.
 */
final class DouyinTokens {
    /** The gateway side of token calls. */
    interface Issuer {
        /** token.refresh with grant_type refresh_token. */
        AccessToken refresh(String refreshToken);

        /** token.create with grant_type authorization_self (self-use apps). */
        AccessToken createSelf();
    }

    private final Logger logger = LoggerFactory.getLogger(DouyinTokens.class);
    private final String shop;
    private final TokenStore store;
    private final Clock clock;
    private AccessToken current;

    DouyinTokens(String shop, AccessToken configured, TokenStore store, Clock clock) {
        this.shop = shop;
        this.store = store;
        this.clock = clock;
        AccessToken stored = store == null ? null : store.load(DouyinConstants.CHANNEL, shop).orElse(null);
        this.current = newer(stored, configured);
    }

    /** The token to send now, refreshed or created first when needed. */
    synchronized String current(Issuer issuer) {
        Instant now = clock.instant();
        if (current == null || current.accessToken() == null) {
            replace(current != null && current.refreshToken() != null ? issuer.refresh(current.refreshToken())
                    : issuer.createSelf());
        } else if (current.refreshToken() != null && current.expiresWithin(now, DouyinConstants.REFRESH_MARGIN.toSeconds())) {
            replace(issuer.refresh(current.refreshToken()));
        }
        return current.accessToken();
    }

    /** The gateway refused {@code used} as expired or unknown: refresh once, unless another call already did. */
    synchronized void rejected(String used, Issuer issuer) {
        if (current != null && !used.equals(current.accessToken())) {
            return;
        }
        if (current == null || current.refreshToken() == null) {
            throw new ChannelException(ChannelException.Kind.AUTH,
                    "douyin shop " + shop + ": the access token was refused and there is no refresh token; authorize again");
        }
        replace(issuer.refresh(current.refreshToken()));
    }

    private void replace(AccessToken fresh) {
        current = fresh;
        logger.info("douyin shop {}: new access token, expires {}", shop, fresh.expiresAt());
        if (store != null) {
            store.save(DouyinConstants.CHANNEL, shop, fresh);
        }
    }

    /** The token a refresh or create answered, with absolute expiry times. */
    static AccessToken issued(String access, long expiresInSeconds, String refresh, Instant now) {
        // The refresh token lives 14 days (授权说明, op.jinritemai.com/docs/guide-docs/9/21); not returned.
        return new AccessToken(access, now.plusSeconds(expiresInSeconds), refresh, now.plus(Duration.ofDays(14)));
    }

    private static AccessToken newer(AccessToken a, AccessToken b) {
        if (a == null || a.accessToken() == null && a.refreshToken() == null) {
            return b;
        }
        if (b == null || b.accessToken() == null && b.refreshToken() == null) {
            return a;
        }
        Instant ea = a.expiresAt() == null ? Instant.MIN : a.expiresAt();
        Instant eb = b.expiresAt() == null ? Instant.MIN : b.expiresAt();
        return eb.isAfter(ea) ? b : a;
    }
}
