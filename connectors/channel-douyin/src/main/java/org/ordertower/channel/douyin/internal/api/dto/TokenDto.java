package org.ordertower.channel.douyin.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The data of token.create and token.refresh; {@code expires_in} is in seconds from now. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TokenDto(@JsonProperty("access_token") String accessToken, @JsonProperty("expires_in") Long expiresIn,
        @JsonProperty("refresh_token") String refreshToken, @JsonProperty("shop_id") String shopId,
        @JsonProperty("shop_name") String shopName, @JsonProperty("scope") String scope) {
}
