package org.ordertower.channel.taobao.internal.api;

import java.time.Instant;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.taobao.internal.TaobaoConstants;

/**
 * The shop's current token: the token store's newest when it has one, else the configured one. Refreshes ahead of
 * expiry (and when TOP says the session expired) through a refresher, saving the result to the store. Thread-safe.
 */
final class TaobaoTokens {
    /** Refresh this long before the token expires. */
    static final long MARGIN_SECONDS = 300;

    private final TaobaoSettings settings;
    private final TokenStore store;
    private AccessToken token;

    TaobaoTokens(TaobaoSettings settings, TokenStore store) {
        this.settings = settings;
        this.store = store;
        Optional<AccessToken> saved = store == null ? Optional.empty() : store.load(TaobaoConstants.CHANNEL, settings.shop());
        this.token = saved.orElseGet(() -> new AccessToken(settings.accessToken(), settings.tokenExpiresAt(),
                settings.refreshToken(), null));
    }

    /** The token to use now, refreshed first when it expires within the margin and can be refreshed. */
    synchronized AccessToken current(UnaryOperator<AccessToken> refresher) {
        Instant now = settings.clock().instant();
        if (token.expiresWithin(now, MARGIN_SECONDS) && canRefresh()) {
            replace(refresher.apply(token));
        }
        return token;
    }

    /** Refreshes unless another thread already did since {@code stale} was handed out. */
    synchronized AccessToken refresh(AccessToken stale, UnaryOperator<AccessToken> refresher) {
        if (token != stale) {
            return token;
        }
        if (!canRefresh()) {
            throw new ChannelException(ChannelException.Kind.AUTH,
                    "the Taobao session of shop " + settings.shop() + " expired and no refresh token is configured");
        }
        replace(refresher.apply(token));
        return token;
    }

    synchronized boolean canRefresh() {
        Instant now = settings.clock().instant();
        return token.refreshToken() != null && (token.refreshExpiresAt() == null || now.isBefore(token.refreshExpiresAt()));
    }

    private void replace(AccessToken fresh) {
        token = fresh;
        if (store != null) {
            store.save(TaobaoConstants.CHANNEL, settings.shop(), fresh);
        }
    }
}
