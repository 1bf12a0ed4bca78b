package org.ordertower.channel.pdd.internal.api;

import java.time.Instant;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.pdd.internal.PddConstants;
import org.ordertower.channel.pdd.internal.PddSettings;
import org.ordertower.channel.pdd.internal.api.dto.PddTokenDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's current token: the newest saved in core's {@link TokenStore}, else the configured one. Refreshes
 * with {@code pdd.pop.auth.token.refresh} and saves the result. Thread-safe.
 */
final class PddTokens {
    /** Refresh this long before the access token's expiry. */
    static final long MARGIN_SECONDS = 300;

    private final Logger logger = LoggerFactory.getLogger(PddTokens.class);
    private final PddSettings settings;
    private AccessToken current;

    PddTokens(PddSettings settings) {
        this.settings = settings;
        AccessToken stored = settings.tokens() == null ? null
                : settings.tokens().load(PddConstants.CHANNEL, settings.shop()).orElse(null);
        this.current = stored != null ? stored
                : new AccessToken(blankToNull(settings.accessToken()), settings.tokenExpiresAt(),
                        blankToNull(settings.refreshToken()), null);
    }

    synchronized AccessToken current() {
        return current;
    }

    /** True when the token should be refreshed before the next call (it expires soon or there is none). */
    synchronized boolean needsRefresh(Instant now) {
        return canRefresh() && (current.accessToken() == null || current.expiresWithin(now, MARGIN_SECONDS));
    }

    synchronized boolean canRefresh() {
        return current.refreshToken() != null;
    }

    /**
     * Replaces the token with what the refresh call returned, saving it.
     *
     * @param seen the access token the caller saw fail or expire; when another thread already refreshed it, nothing
     *     happens
     */
    synchronized void refresh(String seen, RefreshCall call) {
        if (seen != null && !seen.equals(current.accessToken())) {
            return;
        }
        if (current.refreshToken() == null) {
            throw new ChannelException(ChannelException.Kind.AUTH, "pdd: the access token of shop " + settings.shop()
                    + " expired and no refresh token is configured");
        }
        PddTokenDto dto = call.refresh(current.refreshToken());
        if (dto == null || dto.accessToken() == null || dto.accessToken().isBlank()) {
            throw new ChannelException(ChannelException.Kind.AUTH, "pdd: the token refresh answered no access_token");
        }
        Instant now = settings.clock().instant();
        Instant expires = dto.expiresAt() != null ? Instant.ofEpochSecond(dto.expiresAt())
                : dto.expiresIn() != null ? now.plusSeconds(dto.expiresIn()) : null;
        String refresh = dto.refreshToken() == null || dto.refreshToken().isBlank() ? current.refreshToken()
                : dto.refreshToken();
        Instant refreshExpires = dto.refreshTokenExpiresAt() == null ? null
                : Instant.ofEpochSecond(dto.refreshTokenExpiresAt());
        current = new AccessToken(dto.accessToken(), expires, refresh, refreshExpires);
        if (settings.tokens() != null) {
            settings.tokens().save(PddConstants.CHANNEL, settings.shop(), current);
        }
        logger.info("pdd shop {}: access token refreshed, expires {}", settings.shop(), expires);
    }

    /** The refresh call itself (the client's). */
    interface RefreshCall {
        PddTokenDto refresh(String refreshToken);
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
