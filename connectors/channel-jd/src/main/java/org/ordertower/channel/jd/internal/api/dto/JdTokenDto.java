package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth answer of {@code /oauth2/access_token} and {@code /oauth2/refresh_token}: tokens, {@code expires_in}
 * seconds, {@code time} (issue time, epoch milliseconds); a refusal carries a non-zero {@code code} and {@code msg}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdTokenDto(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("time") Long time,
        @JsonProperty("open_id") String openId, @JsonProperty("code") Integer code, @JsonProperty("msg") String msg) {
}
