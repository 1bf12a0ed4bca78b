package org.ordertower.channel.pdd.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code order_sn_increment_get_response}: one page of changed orders. The orders stay raw JSON nodes so that
 * core keeps each payload as the platform sent it. Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddIncrementPageDto(@JsonProperty("total_count") Integer totalCount,
        @JsonProperty("has_next") Boolean hasNext, @JsonProperty("order_sn_list") List<JsonNode> orderSnList) {
}
