package org.ordertower.channel.jd.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code page.data} entry of jingdong.sku.read.searchSkuList (Sku in JD's SDK), only the fields the listing
 * download asks for: wareId and skuId (JSON numbers, read as text), outerId (the merchant's 外部ID), skuName,
 * wareTitle, stockNum and status (1 上架, 2 下架, 4 删除). Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdSkuDto(@JsonProperty("wareId") String wareId, @JsonProperty("skuId") String skuId,
        @JsonProperty("outerId") String outerId, @JsonProperty("skuName") String skuName,
        @JsonProperty("wareTitle") String wareTitle, @JsonProperty("stockNum") Integer stockNum,
        @JsonProperty("status") Integer status) {
}
