package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth token answer of {@code https://oauth.taobao.com/token} (access_token, expires_in and re_expires_in in
 * seconds, the r1/r2/w1/w2 field-level expiries, which this connector ignores), or its error
 * ({@code error}, {@code error_description}). Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenDto(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("re_expires_in") Long reExpiresIn,
        @JsonProperty("taobao_user_nick") String taobaoUserNick, @JsonProperty("error") String error,
        @JsonProperty("error_description") String errorDescription) {
}
