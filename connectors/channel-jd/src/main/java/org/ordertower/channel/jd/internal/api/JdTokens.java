package org.ordertower.channel.jd.internal.api;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.jd.internal.JdConstants;
import org.ordertower.channel.jd.internal.JdSettings;
import org.ordertower.channel.jd.internal.api.dto.JdTokenDto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shop's token. Starts from core's {@code TokenStore} (a token refreshed on any node wins) or the configured
 * one. JD's OAuth doc asks to refresh within the last 24 hours before expiry and says an expired token can no longer
 * be refreshed, so the token is refreshed once it is within {@link #MARGIN} of expiry, and once more when JOS refuses
 * it (code 19). The refreshed pair is saved through the store. Thread-safe.
 */
final class JdTokens {
    static final Duration MARGIN = Duration.ofHours(1);

    private final Logger logger = LoggerFactory.getLogger(JdTokens.class);
    private final JdSettings settings;
    private AccessToken current;

    JdTokens(JdSettings settings) {
        this.settings = settings;
        AccessToken saved = settings.tokens() == null ? null
                : settings.tokens().load(JdConstants.CHANNEL, settings.shop()).orElse(null);
        this.current = saved != null ? saved
                : new AccessToken(orNull(settings.accessToken()), settings.tokenExpiresAt(),
                        orNull(settings.refreshToken()), null);
    }

    /** The token to send now, refreshed first when it is missing or about to expire and a refresh token exists. */
    synchronized String forCall(Function<String, JdTokenDto> refresh) {
        Instant now = settings.clock().instant();
        boolean due = current.accessToken() == null || current.expiresWithin(now, MARGIN.toSeconds());
        if (due && current.refreshToken() != null) {
            renew(refresh);
        }
        if (current.accessToken() == null) {
            throw new ChannelException(ChannelException.Kind.AUTH, "jd: shop " + settings.shop() + " has no access token");
        }
        return current.accessToken();
    }

    /**
     * After JOS refused {@code refused}: renews unless another thread already did.
     *
     * @return false when there is nothing to renew with
     */
    synchronized boolean renewAfterRefusal(String refused, Function<String, JdTokenDto> refresh) {
        if (current.refreshToken() == null) {
            return false;
        }
        if (refused.equals(current.accessToken())) {
            renew(refresh);
        }
        return true;
    }

    private void renew(Function<String, JdTokenDto> refresh) {
        JdTokenDto answer = refresh.apply(current.refreshToken());
        if (answer == null || answer.accessToken() == null || answer.accessToken().isBlank()) {
            throw new ChannelException(ChannelException.Kind.AUTH, "jd: the token refresh of shop " + settings.shop()
                    + " answered no access_token");
        }
        Instant issued = answer.time() != null ? Instant.ofEpochMilli(answer.time()) : settings.clock().instant();
        Instant expires = answer.expiresIn() == null ? null : issued.plusSeconds(answer.expiresIn());
        String refreshToken = answer.refreshToken() == null || answer.refreshToken().isBlank() ? current.refreshToken()
                : answer.refreshToken();
        current = new AccessToken(answer.accessToken(), expires, refreshToken, null);
        if (settings.tokens() != null) {
            settings.tokens().save(JdConstants.CHANNEL, settings.shop(), current);
        }
        logger.info("jd shop {}: access token refreshed, valid until {}", settings.shop(), expires);
    }

    private static String orNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
