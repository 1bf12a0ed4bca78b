package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code sopjosshipment_result} of jingdong.pop.order.shipment (OperatorResult in JD's SDK). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdOperatorResultDto(@JsonProperty("success") Boolean success, @JsonProperty("errorCode") String errorCode,
        @JsonProperty("chineseErrCode") String chineseErrCode, @JsonProperty("englishErrCode") String englishErrCode) {
}
