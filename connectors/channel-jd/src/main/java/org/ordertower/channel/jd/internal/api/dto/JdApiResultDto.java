package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The business verdict inside order answers ({@code apiResult}): success is a boolean or "true"/"false". */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdApiResultDto(@JsonProperty("success") Boolean success, @JsonProperty("numberCode") String numberCode,
        @JsonProperty("chineseErrCode") String chineseErrCode, @JsonProperty("englishErrCode") String englishErrCode) {
}
