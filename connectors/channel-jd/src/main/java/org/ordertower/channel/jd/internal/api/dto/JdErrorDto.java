package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The gateway's refusal: {@code {"error_response":{"code":"19","zh_desc":"无效access_token","en_desc":"Invalid access_token"}}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdErrorDto(@JsonProperty("code") String code, @JsonProperty("zh_desc") String zhDesc,
        @JsonProperty("en_desc") String enDesc) {
}
