package org.ordertower.channel.pdd.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code goods_list_get_response} of {@code pdd.goods.list.get}: one page of the shop's goods (商品) and their SKUs.
 * Wire shape only: the fields the connector reads (images, reserve quantities, spec details are ignored).
 *
 * @param totalCount how many goods match in all (返回商品总数)
 * @param goodsList this page's goods
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddGoodsListDto(@JsonProperty("total_count") Integer totalCount,
        @JsonProperty("goods_list") List<Goods> goodsList) {

    /** One goods: {@code goods_id} (商品编码), name, total quantity, on sale, its SKUs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Goods(@JsonProperty("goods_id") Long goodsId, @JsonProperty("goods_name") String goodsName,
            @JsonProperty("goods_quantity") Long goodsQuantity, @JsonProperty("is_onsale") Integer isOnsale,
            @JsonProperty("sku_list") List<Sku> skuList) {
    }

    /**
     * One SKU: {@code sku_id} (sku编码), the merchant's codes of the SKU ({@code outer_id}) and of the goods
     * ({@code outer_goods_id}), its spec (规格名称) and quantity (sku库存).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Sku(@JsonProperty("sku_id") Long skuId, @JsonProperty("outer_id") String outerId,
            @JsonProperty("outer_goods_id") String outerGoodsId, @JsonProperty("spec") String spec,
            @JsonProperty("sku_quantity") Long skuQuantity, @JsonProperty("is_sku_onsale") Integer isSkuOnsale) {
    }
}
