package org.ordertower.channel.example.internal.api.dto;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One order of order.search / order.get. Amounts are decimal strings ("39.00"), times epoch milliseconds. Wire shape
 * only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExampleOrderDto(@JsonProperty("order_id") String orderId, @JsonProperty("status") String status,
        @JsonProperty("created_at") Long createdAt, @JsonProperty("paid_at") Long paidAt,
        @JsonProperty("updated_at") Long updatedAt, @JsonProperty("currency") String currency,
        @JsonProperty("total_amount") String totalAmount, @JsonProperty("discount_amount") String discountAmount,
        @JsonProperty("shipping_fee") String shippingFee, @JsonProperty("paid_amount") String paidAmount,
        @JsonProperty("buyer_id") String buyerId, @JsonProperty("receiver") Receiver receiver,
        @JsonProperty("items") List<Item> items, @JsonProperty("buyer_note") String buyerNote,
        @JsonProperty("seller_note") String sellerNote, @JsonProperty("refund_status") String refundStatus) {

    /** Who receives the parcel, in clear. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Receiver(@JsonProperty("name") String name, @JsonProperty("phone") String phone,
            @JsonProperty("province") String province, @JsonProperty("city") String city,
            @JsonProperty("district") String district, @JsonProperty("street") String street,
            @JsonProperty("detail") String detail, @JsonProperty("postcode") String postcode) {
    }

    /** One line: {@code price} is the unit list price, {@code paid_amount} the line's total after discounts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(@JsonProperty("line_id") String lineId, @JsonProperty("sku_id") String skuId,
            @JsonProperty("outer_sku") String outerSku, @JsonProperty("title") String title,
            @JsonProperty("quantity") Integer quantity, @JsonProperty("price") String price,
            @JsonProperty("paid_amount") String paidAmount) {
    }
}
