package org.ordertower.channel.douyin.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every gateway answer (sdk_golang core/doudian_op_api_base_response.go): {@code code} 10000 is success,
 * else {@code sub_code}/{@code sub_msg} say why; {@code data} holds the method's result.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseDto(@JsonProperty("code") Long code, @JsonProperty("msg") String msg,
        @JsonProperty("sub_code") String subCode, @JsonProperty("sub_msg") String subMsg,
        @JsonProperty("log_id") String logId, @JsonProperty("data") JsonNode data) {
}
