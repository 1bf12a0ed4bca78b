package org.ordertower.api.channel;

import java.time.Instant;

/**
 * A shop's OAuth tokens. {@link #toString()} never shows them.
 *
 * @param accessToken the token sent with calls ({@code session} on TOP)
 * @param expiresAt when it stops working
 * @param refreshToken the token that gets a new one, may be null
 * @param refreshExpiresAt when the refresh token stops working, may be null
 */
public record AccessToken(String accessToken, Instant expiresAt, String refreshToken, Instant refreshExpiresAt) {

    /** True when the token expires within {@code marginSeconds} of {@code now}. */
    public boolean expiresWithin(Instant now, long marginSeconds) {
        return expiresAt != null && !now.plusSeconds(marginSeconds).isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[expiresAt=" + expiresAt + ", refreshExpiresAt=" + refreshExpiresAt + "]";
    }
}
