package org.ordertower.channel.douyin.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The data of order.searchList: one page of shop orders, each kept as the platform sent it (the mapper
 * reads them; core stores them verbatim).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchListDto(@JsonProperty("page") Long page, @JsonProperty("size") Long size,
        @JsonProperty("total") Long total, @JsonProperty("shop_order_list") List<JsonNode> shopOrderList) {
}
