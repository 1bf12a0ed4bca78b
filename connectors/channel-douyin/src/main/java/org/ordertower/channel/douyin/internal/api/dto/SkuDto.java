package org.ordertower.channel.douyin.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of sku.list's {@code data} array (sdk_golang api/sku_list/response): the SKU id ({@code id}), its
 * product, the merchant's outer code ({@code code}), the stock ({@code stock_num} when {@code sku_type} is 0,
 * 普通库存; area stock otherwise) and its spec values ({@code sell_properties}, which replace
 * {@code spec_detail_name1..3}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SkuDto(@JsonProperty("id") Long id, @JsonProperty("product_id") Long productId,
        @JsonProperty("code") String code, @JsonProperty("sku_type") Long skuType,
        @JsonProperty("stock_num") Long stockNum, @JsonProperty("spec_detail_name1") String specDetailName1,
        @JsonProperty("spec_detail_name2") String specDetailName2, @JsonProperty("spec_detail_name3") String specDetailName3,
        @JsonProperty("sell_properties") List<SellProperty> sellProperties) {

    /** One sales property value of the SKU. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SellProperty(@JsonProperty("value_name") String valueName) {
    }
}
