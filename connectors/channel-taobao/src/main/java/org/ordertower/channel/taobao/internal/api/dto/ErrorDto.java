package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** TOP's {@code error_response}: code, msg, sub_code, sub_msg, request_id. Wire shape only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorDto(@JsonProperty("code") String code, @JsonProperty("msg") String msg,
        @JsonProperty("sub_code") String subCode, @JsonProperty("sub_msg") String subMsg,
        @JsonProperty("request_id") String requestId) {
}
