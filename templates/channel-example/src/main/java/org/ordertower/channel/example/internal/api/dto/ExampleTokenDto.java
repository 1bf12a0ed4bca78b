package org.ordertower.channel.example.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code data} of token.refresh: the new pair and the access token's lifetime in seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExampleTokenDto(@JsonProperty("access_token") String accessToken,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("expires_in") Long expiresIn) {
}
