package org.ordertower.channel.jd.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code page} of jingdong.sku.read.searchSkuList: {@code data}, {@code pageNo}, {@code pageSize}, {@code totalItem}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdSkuPageDto(@JsonProperty("data") List<JdSkuDto> data, @JsonProperty("pageNo") Integer pageNo,
        @JsonProperty("pageSize") Integer pageSize, @JsonProperty("totalItem") Long totalItem) {
}
