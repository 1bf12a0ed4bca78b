package org.ordertower.connector.kit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.TokenStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shop's OAuth access token for a channel connector's client. Starts from core's {@link TokenStore} or the
 * configured token ({@link #savedFirst}, {@link #laterExpiryFirst}); renews a token that is missing or expires within
 * the platform's margin before it is used; renews once more after the platform refused a token, unless another
 * thread already did; saves every renewed token through the store at once (refresh tokens often rotate, so the new
 * one must survive a restart). The platform's part, the refresh call and the mapping of its answer, is the
 * connector's {@link Renewal}, which throws the connector's exception when the platform refuses. Never logs a token.
 *
 * <p>Thread-safe: renewals run one at a time under this object's lock, the remote call included, so that callers
 * arriving meanwhile wait for the new token instead of spending the refresh token a second time.
 */
public final class TokenKeeper {
    /** The platform's side of a renewal. */
    public interface Renewal {
        /**
         * A new token in place of {@code current} (never null; when there is none, all its fields are null).
         *
         * @throws RuntimeException the connector's exception when the platform refuses or answers no token
         */
        AccessToken renew(AccessToken current);

        /** Whether {@link #renew} can be tried now: by default, when there is a refresh token. */
        default boolean possible(AccessToken current, Instant now) {
            return current.refreshToken() != null;
        }
    }

    private static final AccessToken NONE = new AccessToken(null, null, null, null);

    private final Logger logger = LoggerFactory.getLogger(TokenKeeper.class);
    private final String channel;
    private final String shop;
    private final TokenStore store;
    private final Clock clock;
    private final Duration margin;
    private final Renewal renewal;
    private AccessToken current;

    private TokenKeeper(String channel, String shop, AccessToken start, TokenStore store, Clock clock, Duration margin,
            Renewal renewal) {
        this.channel = channel;
        this.shop = shop;
        this.store = store;
        this.clock = clock;
        this.margin = margin;
        this.renewal = renewal;
        this.current = start;
    }

    /**
     * Starts from the token the store holds for the shop, else from the configured one.
     *
     * @param channel the channel id the store files tokens under, also named in the log
     * @param configured the token of the shop's configuration (blank fields count as absent), may be null
     * @param store core's token store, may be null (tests, the simulator)
     * @param margin how long before expiry a token is renewed
     */
    public static TokenKeeper savedFirst(String channel, String shop, AccessToken configured, TokenStore store,
            Clock clock, Duration margin, Renewal renewal) {
        AccessToken saved = saved(store, channel, shop);
        return new TokenKeeper(channel, shop, saved != null ? saved : normalised(configured), store, clock, margin,
                renewal);
    }

    /**
     * Starts from whichever of the store's and the configured token expires later (a token without expiry counts as
     * the oldest; one without access and refresh token as none), so that a shop authorised again and configured anew
     * wins over an older saved token. Otherwise as {@link #savedFirst}.
     */
    public static TokenKeeper laterExpiryFirst(String channel, String shop, AccessToken configured, TokenStore store,
            Clock clock, Duration margin, Renewal renewal) {
        return new TokenKeeper(channel, shop, later(saved(store, channel, shop), normalised(configured)), store, clock,
                margin, renewal);
    }

    /** The token as it is, without renewing. */
    public synchronized AccessToken current() {
        return current;
    }

    /**
     * The token to send now: renewed first when it is missing or expires within the margin and a renewal is
     * {@linkplain Renewal#possible possible}. Its access token may still be null (nothing to renew with).
     */
    public synchronized AccessToken forCall() {
        Instant now = clock.instant();
        boolean due = current.accessToken() == null || current.expiresWithin(now, margin.toSeconds());
        if (due && renewal.possible(current, now)) {
            renew();
        }
        return current;
    }

    /**
     * After the platform refused {@code refused} (an access token): renews, unless another thread already replaced
     * it.
     *
     * @return true when a newer token is there to try ({@link #current()}); false when {@code refused} is still the
     *     current token and can't be renewed, so the refusal stands
     */
    public synchronized boolean afterRefusal(String refused) {
        if (!Objects.equals(refused, current.accessToken())) {
            return true;
        }
        if (!renewal.possible(current, clock.instant())) {
            return false;
        }
        renew();
        return true;
    }

    private void renew() {
        AccessToken fresh = Objects.requireNonNull(renewal.renew(current), "a renewal answered null");
        current = fresh;
        if (store != null) {
            store.save(channel, shop, fresh);
        }
        logger.info("{} shop {}: access token refreshed, expires {}", channel, shop, fresh.expiresAt());
    }

    private static AccessToken saved(TokenStore store, String channel, String shop) {
        return store == null ? null : store.load(channel, shop).orElse(null);
    }

    private static AccessToken normalised(AccessToken t) {
        if (t == null) {
            return NONE;
        }
        return new AccessToken(blankToNull(t.accessToken()), t.expiresAt(), blankToNull(t.refreshToken()),
                t.refreshExpiresAt());
    }

    private static AccessToken later(AccessToken saved, AccessToken configured) {
        if (saved == null || isEmpty(saved)) {
            return configured;
        }
        if (isEmpty(configured)) {
            return saved;
        }
        Instant s = saved.expiresAt() == null ? Instant.MIN : saved.expiresAt();
        Instant c = configured.expiresAt() == null ? Instant.MIN : configured.expiresAt();
        return c.isAfter(s) ? configured : saved;
    }

    private static boolean isEmpty(AccessToken t) {
        return t.accessToken() == null && t.refreshToken() == null;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
