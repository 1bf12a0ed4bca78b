package org.ordertower.channel.jd.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code searchorderinfo_result} of jingdong.pop.order.search; the orders stay raw (core keeps them verbatim). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdSearchResultDto(@JsonProperty("orderTotal") Integer orderTotal,
        @JsonProperty("orderInfoList") List<JsonNode> orderInfoList, @JsonProperty("apiResult") JdApiResultDto apiResult) {
}
