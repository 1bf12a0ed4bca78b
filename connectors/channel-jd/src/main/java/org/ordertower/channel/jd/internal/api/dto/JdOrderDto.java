package org.ordertower.channel.jd.internal.api.dto;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One {@code orderInfo} of jingdong.pop.order.search / .get. Amounts are yuan strings ("39.00"), times Beijing
 * {@code yyyy-MM-dd HH:mm:ss}. Wire shape only; fields the mapper ignores are listed in the module README.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record JdOrderDto(@JsonProperty("orderId") String orderId, @JsonProperty("venderId") String venderId,
        @JsonProperty("orderType") String orderType, @JsonProperty("payType") String payType,
        @JsonProperty("orderTotalPrice") String orderTotalPrice, @JsonProperty("orderSellerPrice") String orderSellerPrice,
        @JsonProperty("orderPayment") String orderPayment, @JsonProperty("freightPrice") String freightPrice,
        @JsonProperty("sellerDiscount") String sellerDiscount, @JsonProperty("balanceUsed") String balanceUsed,
        @JsonProperty("orderState") String orderState, @JsonProperty("orderStateRemark") String orderStateRemark,
        @JsonProperty("orderRemark") String orderRemark, @JsonProperty("venderRemark") String venderRemark,
        @JsonProperty("orderStartTime") String orderStartTime, @JsonProperty("orderEndTime") String orderEndTime,
        @JsonProperty("paymentConfirmTime") String paymentConfirmTime, @JsonProperty("modified") String modified,
        @JsonProperty("dataVersion") String dataVersion, @JsonProperty("pin") String pin,
        @JsonProperty("open_id_buyer") String openIdBuyer, @JsonProperty("consigneeInfo") Consignee consigneeInfo,
        @JsonProperty("itemInfoList") List<Item> itemInfoList, @JsonProperty("couponDetailList") List<Coupon> couponDetailList,
        @JsonProperty("orderMarkDesc") Map<String, String> orderMarkDesc, @JsonProperty("waybill") String waybill,
        @JsonProperty("logisticsId") String logisticsId) {

    /** {@code consigneeInfo}: name and address are ciphertext, phones masked; kept verbatim. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Consignee(@JsonProperty("fullname") String fullname, @JsonProperty("mobile") String mobile,
            @JsonProperty("telephone") String telephone, @JsonProperty("fullAddress") String fullAddress,
            @JsonProperty("province") String province, @JsonProperty("city") String city,
            @JsonProperty("county") String county, @JsonProperty("town") String town) {
    }

    /** One {@code itemInfoList} entry (a SKU line): {@code id} is the line id, jdPrice the unit list price. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@JsonProperty("id") String id, @JsonProperty("skuId") String skuId,
            @JsonProperty("outerSkuId") String outerSkuId, @JsonProperty("wareId") String wareId,
            @JsonProperty("skuName") String skuName, @JsonProperty("jdPrice") String jdPrice,
            @JsonProperty("itemTotal") String itemTotal) {
    }

    /** One {@code couponDetailList} entry: a discount ({@code couponPrice}) on a SKU, or on the order when skuId is empty. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Coupon(@JsonProperty("skuId") String skuId, @JsonProperty("couponType") String couponType,
            @JsonProperty("couponPrice") String couponPrice) {
    }
}
