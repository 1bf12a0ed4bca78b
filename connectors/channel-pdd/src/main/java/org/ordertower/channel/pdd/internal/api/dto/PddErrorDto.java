package org.ordertower.channel.pdd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code error_response}: every failed call answers with this body (HTTP 200). Wire shape only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddErrorDto(@JsonProperty("error_code") Integer errorCode, @JsonProperty("error_msg") String errorMsg,
        @JsonProperty("sub_code") String subCode, @JsonProperty("sub_msg") String subMsg,
        @JsonProperty("request_id") String requestId) {
}
