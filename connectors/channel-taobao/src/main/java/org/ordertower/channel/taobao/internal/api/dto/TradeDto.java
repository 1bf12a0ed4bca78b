package org.ordertower.channel.taobao.internal.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A TOP {@code Trade} as {@code taobao.trade.fullinfo.get} and {@code taobao.trades.sold.increment.get} return it
 * (JSON, money as decimal strings in yuan, times {@code yyyy-MM-dd HH:mm:ss} GMT+8). Scalars are kept as text; the
 * mapper parses them and names the field when one is malformed. Wire shape only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TradeDto(@JsonProperty("tid") String tid, @JsonProperty("tid_str") String tidStr,
        @JsonProperty("type") String type, @JsonProperty("status") String status,
        @JsonProperty("created") String created, @JsonProperty("pay_time") String payTime,
        @JsonProperty("modified") String modified, @JsonProperty("end_time") String endTime,
        @JsonProperty("consign_time") String consignTime, @JsonProperty("payment") String payment,
        @JsonProperty("total_fee") String totalFee, @JsonProperty("discount_fee") String discountFee,
        @JsonProperty("post_fee") String postFee, @JsonProperty("buyer_nick") String buyerNick,
        @JsonProperty("buyer_open_uid") String buyerOpenUid, @JsonProperty("buyer_message") String buyerMessage,
        @JsonProperty("seller_memo") String sellerMemo, @JsonProperty("receiver_name") String receiverName,
        @JsonProperty("receiver_mobile") String receiverMobile, @JsonProperty("receiver_phone") String receiverPhone,
        @JsonProperty("receiver_country") String receiverCountry, @JsonProperty("receiver_state") String receiverState,
        @JsonProperty("receiver_city") String receiverCity, @JsonProperty("receiver_district") String receiverDistrict,
        @JsonProperty("receiver_town") String receiverTown, @JsonProperty("receiver_address") String receiverAddress,
        @JsonProperty("receiver_zip") String receiverZip, @JsonProperty("oaid") String oaid,
        @JsonProperty("step_trade_status") String stepTradeStatus, @JsonProperty("step_paid_fee") String stepPaidFee,
        @JsonProperty("new_presell") String newPresell, @JsonProperty("lm") String lm,
        @JsonProperty("delivery_time") String deliveryTime, @JsonProperty("orders") Orders orders) {

    /** TOP wraps lists in an object named after the element: {@code "orders":{"order":[...]}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Orders(@JsonProperty("order") java.util.List<OrderDto> order) {
    }
}
