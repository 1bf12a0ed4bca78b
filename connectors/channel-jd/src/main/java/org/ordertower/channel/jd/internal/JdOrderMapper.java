package org.ordertower.channel.jd.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.ChannelFacts.ChannelState;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.channel.jd.internal.api.JdWire;
import org.ordertower.channel.jd.internal.api.dto.JdOrderDto;
import org.ordertower.channel.jd.internal.api.dto.JdOrderDto.Consignee;
import org.ordertower.channel.jd.internal.api.dto.JdOrderDto.Coupon;
import org.ordertower.channel.jd.internal.api.dto.JdOrderDto.Item;
import org.ordertower.connector.kit.Ids;

/**
 * Pure mapping of one JOS {@code orderInfo} onto {@link NormalizedOrder}. Field by field (the README lists what is
 * ignored): orderId, orderState verbatim, orderStartTime / paymentConfirmTime / modified (Beijing → UTC),
 * dataVersion (epoch ms) as the version when present else modified, orderTotalPrice / sellerDiscount /
 * freightPrice / orderPayment (yuan) as goods / discount / shipping / paid, itemInfoList as lines (id, outerSkuId
 * else skuId, jdPrice × itemTotal less the SKU's couponDetailList entries), consigneeInfo verbatim (fullname and
 * fullAddress are ciphertext, mobile masked), open_id_buyer else pin, orderRemark / venderRemark as notes. Any
 * payload it cannot map fully is refused as PERMANENT naming the field.
 */
public final class JdOrderMapper {
    private static final String NUMBER = "\\d+(\\.\\d+)?";

    public NormalizedOrder map(String shop, String payload) {
        JdOrderDto o = JdWire.as(JdWire.read(payload, "order payload"), JdOrderDto.class, "orderInfo");
        String id = require(o.orderId(), "orderId");
        if (!Ids.digits(id, 20)) {
            throw JdWire.failure("orderInfo.orderId must be numeric, was '" + id + "'", null);
        }
        String state = require(o.orderState(), "orderState");
        if (!JdConstants.STATES.contains(state)) {
            throw JdWire.failure("orderInfo.orderState '" + state + "' is not a JD order state", null);
        }
        Instant created = JdWire.time(require(o.orderStartTime(), "orderStartTime"), "orderInfo.orderStartTime");
        Instant paid = JdWire.time(o.paymentConfirmTime(), "orderInfo.paymentConfirmTime");
        Instant modified = JdWire.time(require(o.modified(), "modified"), "orderInfo.modified");
        NormalizedOrder order = new NormalizedOrder(JdConstants.CHANNEL, shop, id, version(o, modified), state,
                payment(o, state, paid), buyer(o), address(o.consigneeInfo()), lines(o), amounts(o), created, paid,
                modified, blankToNull(o.orderRemark()), blankToNull(o.venderRemark()), tags(o, state),
                new ChannelFacts(stateOf(state), null, null, null));
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw JdWire.failure("order " + id + " is not a valid order: " + String.join("; ", problems), null);
        }
        return order;
    }

    private static long version(JdOrderDto o, Instant modified) {
        String v = o.dataVersion();
        if (Ids.digits(v, 18)) {
            return Long.parseLong(v);
        }
        if (v != null && !v.isBlank()) {
            throw JdWire.failure("orderInfo.dataVersion must be a number, was '" + v + "'", null);
        }
        return modified.toEpochMilli();
    }

    /**
     * Orders reach the search once they can be produced (paid, or cash on delivery). A cancelled order that had been
     * paid was refunded; JD's refunds of single lines are after-sales services, not part of the order.
     */
    private static PaymentStatus payment(JdOrderDto o, String state, Instant paid) {
        if (JdConstants.TRADE_CANCELED.equals(state)) {
            return paid != null ? PaymentStatus.REFUNDED : PaymentStatus.UNPAID;
        }
        boolean cashOnDelivery = o.payType() != null && o.payType().startsWith("1-");
        if (cashOnDelivery && !JdConstants.FINISHED_L.equals(state)) {
            return PaymentStatus.UNPAID;
        }
        return PaymentStatus.PAID;
    }

    private static ChannelState stateOf(String state) {
        return switch (state) {
            case JdConstants.TRADE_CANCELED -> ChannelState.CANCELLED;
            case JdConstants.WAIT_GOODS_RECEIVE_CONFIRM -> ChannelState.SHIPPED;
            case JdConstants.FINISHED_L -> ChannelState.COMPLETED;
            default -> ChannelState.OPEN;
        };
    }

    /** LOCKED: the buyer asked to cancel (refund) and JD holds the order; marks in orderMarkDesc name presale/live. */
    private static List<String> tags(JdOrderDto o, String state) {
        List<String> tags = new ArrayList<>();
        String marks = o.orderMarkDesc() == null ? "" : o.orderMarkDesc().toString();
        if (marks.contains("预售")) {
            tags.add("presale");
        }
        if (marks.contains("直播")) {
            tags.add("live");
        }
        if (JdConstants.LOCKED.equals(state)) {
            tags.add("refund-requested");
        }
        return tags;
    }

    private static Buyer buyer(JdOrderDto o) {
        Consignee c = o.consigneeInfo();
        String phone = c == null ? null : blankToNull(c.mobile()) != null ? c.mobile() : blankToNull(c.telephone());
        String buyerId = blankToNull(o.openIdBuyer()) != null ? o.openIdBuyer() : blankToNull(o.pin());
        return new Buyer(c == null ? null : blankToNull(c.fullname()), phone, buyerId);
    }

    private static Address address(Consignee c) {
        if (c == null) {
            return null;
        }
        return new Address("CN", blankToNull(c.province()), blankToNull(c.city()), blankToNull(c.county()),
                blankToNull(c.town()), blankToNull(c.fullAddress()), null);
    }

    private static Amounts amounts(JdOrderDto o) {
        return new Amounts("CNY", money(require(o.orderTotalPrice(), "orderTotalPrice"), "orderTotalPrice"),
                money(o.sellerDiscount(), "sellerDiscount"), money(o.freightPrice(), "freightPrice"),
                money(require(o.orderPayment(), "orderPayment"), "orderPayment"));
    }

    private static List<OrderLine> lines(JdOrderDto o) {
        if (o.itemInfoList() == null || o.itemInfoList().isEmpty()) {
            throw JdWire.failure("orderInfo.itemInfoList is missing or empty", null);
        }
        Map<String, BigDecimal> couponBySku = new HashMap<>();
        List<Coupon> coupons = o.couponDetailList() == null ? List.of() : o.couponDetailList();
        for (int i = 0; i < coupons.size(); i++) {
            Coupon c = coupons.get(i);
            if (c == null) {
                throw JdWire.failure("orderInfo.couponDetailList[" + i + "] is null", null);
            }
            if (blankToNull(c.skuId()) != null) {
                couponBySku.merge(c.skuId(), money(c.couponPrice(), "couponDetailList[" + i + "].couponPrice"),
                        BigDecimal::add);
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        for (int i = 0; i < o.itemInfoList().size(); i++) {
            lines.add(line(o.itemInfoList().get(i), "itemInfoList[" + i + "]", couponBySku));
        }
        return lines;
    }

    private static OrderLine line(Item item, String at, Map<String, BigDecimal> couponBySku) {
        if (item == null) {
            throw JdWire.failure("orderInfo." + at + " is null", null);
        }
        String skuId = require(item.skuId(), at + ".skuId");
        String count = require(item.itemTotal(), at + ".itemTotal");
        if (!Ids.digits(count, 7) || Integer.parseInt(count) < 1) {
            throw JdWire.failure("orderInfo." + at + ".itemTotal must be a whole number of at least 1, was '" + count
                    + "'", null);
        }
        int quantity = Integer.parseInt(count);
        BigDecimal price = money(require(item.jdPrice(), at + ".jdPrice"), at + ".jdPrice");
        BigDecimal gross = price.multiply(BigDecimal.valueOf(quantity));
        // a SKU's coupons are taken off its first line (at most down to zero), the rest off the next line of that SKU
        BigDecimal discount = couponBySku.getOrDefault(skuId, BigDecimal.ZERO).min(gross);
        couponBySku.computeIfPresent(skuId, (k, v) -> v.subtract(discount));
        String lineNo = blankToNull(item.id()) != null ? item.id() : skuId;
        String sku = blankToNull(item.outerSkuId()) != null ? item.outerSkuId() : skuId;
        return new OrderLine(lineNo, sku, null, item.skuName(), quantity, price, gross.subtract(discount),
                price.signum() == 0, null);
    }

    private static BigDecimal money(String text, String field) {
        if (text == null || text.isBlank()) {
            return BigDecimal.ZERO;
        }
        if (!text.strip().matches(NUMBER)) {
            throw JdWire.failure("orderInfo." + field + " must be a non-negative yuan amount, was '" + text + "'", null);
        }
        return new BigDecimal(text.strip());
    }

    private static String require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw JdWire.failure("orderInfo." + field + " is missing", null);
        }
        return value;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
