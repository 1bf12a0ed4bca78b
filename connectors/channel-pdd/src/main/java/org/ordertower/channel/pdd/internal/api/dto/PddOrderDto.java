package org.ordertower.channel.pdd.internal.api.dto;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One order as {@code pdd.order.number.list.increment.get} ({@code order_sn_list[]}) and
 * {@code pdd.order.information.get} ({@code order_info}) return it; both carry the same fields. Amounts are yuan
 * (元) decimals. Wire shape only: the fields the mapper reads; every other field is listed in the README.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PddOrderDto(@JsonProperty("order_sn") String orderSn,
        @JsonProperty("order_status") Integer orderStatus,
        @JsonProperty("refund_status") Integer refundStatus,
        @JsonProperty("after_sales_status") Integer afterSalesStatus,
        @JsonProperty("confirm_status") Integer confirmStatus,
        @JsonProperty("group_status") Integer groupStatus,
        @JsonProperty("trade_type") Integer tradeType,
        @JsonProperty("is_pre_sale") Integer isPreSale,
        @JsonProperty("step_order_info") StepOrderInfo stepOrderInfo,
        @JsonProperty("created_time") String createdTime,
        @JsonProperty("pay_time") String payTime,
        @JsonProperty("updated_at") String updatedAt,
        @JsonProperty("last_ship_time") String lastShipTime,
        @JsonProperty("goods_amount") BigDecimal goodsAmount,
        @JsonProperty("discount_amount") BigDecimal discountAmount,
        @JsonProperty("postage") BigDecimal postage,
        @JsonProperty("pay_amount") BigDecimal payAmount,
        @JsonProperty("receiver_name") String receiverName,
        @JsonProperty("receiver_phone") String receiverPhone,
        @JsonProperty("receiver_address") String receiverAddress,
        @JsonProperty("country") String country,
        @JsonProperty("province") String province,
        @JsonProperty("city") String city,
        @JsonProperty("town") String town,
        @JsonProperty("buyer_memo") String buyerMemo,
        @JsonProperty("remark") String remark,
        @JsonProperty("tracking_number") String trackingNumber,
        @JsonProperty("item_list") List<PddItemDto> itemList,
        @JsonProperty("gift_list") List<PddItemDto> giftList) {

    /** Deposit (定金) order state; null for ordinary orders. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record StepOrderInfo(@JsonProperty("step_trade_status") Integer stepTradeStatus) {
    }
}
