package org.ordertower.channel.pdd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code pop_auth_token_refresh_response} (授权说明): times are UNIX seconds, lifetimes seconds. Wire shape only;
 * never logged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddTokenDto(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_at") Long expiresAt,
        @JsonProperty("expires_in") Long expiresIn, @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("refresh_token_expires_at") Long refreshTokenExpiresAt,
        @JsonProperty("owner_id") String ownerId) {

    @Override
    public String toString() {
        return "PddTokenDto[expiresAt=" + expiresAt + ", ownerId=" + ownerId + "]";
    }
}
