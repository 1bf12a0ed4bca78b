package org.ordertower.channel.pdd.internal.api.dto;

import java.math.BigDecimal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of an order's {@code item_list} or {@code gift_list} (商品 / 赠品). Wire shape only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddItemDto(@JsonProperty("goods_id") String goodsId, @JsonProperty("sku_id") String skuId,
        @JsonProperty("outer_id") String outerId, @JsonProperty("outer_goods_id") String outerGoodsId,
        @JsonProperty("goods_name") String goodsName, @JsonProperty("goods_spec") String goodsSpec,
        @JsonProperty("goods_price") BigDecimal goodsPrice, @JsonProperty("goods_count") Integer goodsCount,
        @JsonProperty("goods_img") String goodsImg) {
}
