package org.ordertower.channel.douyin.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The data of product.listV2 (sdk_golang api/product_listV2/response): one page of products, the number of
 * products the query matches ({@code total}), the page (from 1) and its size.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProductListDto(@JsonProperty("data") List<Product> data, @JsonProperty("total") Long total,
        @JsonProperty("page") Long page, @JsonProperty("size") Long size) {

    /**
     * One product: its id, title, status (0 在线, 1 下线, 2 删除) and the merchant's outer code of the product
     * ({@code outer_product_id}, which replaces the numeric {@code out_product_id}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Product(@JsonProperty("product_id") Long productId, @JsonProperty("name") String name,
            @JsonProperty("status") Long status, @JsonProperty("outer_product_id") String outerProductId) {
    }
}
