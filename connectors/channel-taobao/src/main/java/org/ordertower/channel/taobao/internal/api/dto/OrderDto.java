package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A TOP {@code Order} (sub-order, 子订单) inside a trade. Wire shape only. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderDto(@JsonProperty("oid") String oid, @JsonProperty("oid_str") String oidStr,
        @JsonProperty("num_iid") String numIid, @JsonProperty("sku_id") String skuId,
        @JsonProperty("outer_iid") String outerIid, @JsonProperty("outer_sku_id") String outerSkuId,
        @JsonProperty("title") String title, @JsonProperty("num") String num, @JsonProperty("price") String price,
        @JsonProperty("total_fee") String totalFee, @JsonProperty("payment") String payment,
        @JsonProperty("divide_order_fee") String divideOrderFee, @JsonProperty("discount_fee") String discountFee,
        @JsonProperty("adjust_fee") String adjustFee, @JsonProperty("refund_status") String refundStatus,
        @JsonProperty("status") String status, @JsonProperty("is_free_gift") String isFreeGift,
        @JsonProperty("modify_address") String modifyAddress, @JsonProperty("invoice_no") String invoiceNo,
        @JsonProperty("logistics_company") String logisticsCompany, @JsonProperty("consign_time") String consignTime,
        @JsonProperty("refund_id") String refundId) {
}
