package org.ordertower.channel.pdd.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
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
import org.ordertower.channel.pdd.internal.api.PddJson;
import org.ordertower.channel.pdd.internal.api.dto.PddItemDto;
import org.ordertower.channel.pdd.internal.api.dto.PddOrderDto;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Maps one PDD order (the object of {@code order_sn_list[]} or {@code order_info}) onto the model. Pure, no I/O,
 * thread-safe. Every field it does not map is listed as deliberately ignored in the module README.
 *
 * <p>Status table (order_status 1 待发货 / 2 已发货待签收 / 3 已签收; confirm_status 0 未成交 / 1 已成交 / 2 已取消;
 * refund_status 1 无售后或售后关闭 / 2 售后处理中 / 3 退款中 / 4 退款成功): cancelled when confirm_status is 2,
 * the group failed (group_status 2) or the refund succeeded before shipping; else shipped (2), completed (3) or open.
 */
public final class PddOrderMapper {
    private static final String CNY = "CNY";

    /**
     * @throws org.ordertower.api.channel.ChannelException PERMANENT naming the field when the payload cannot be mapped
     */
    public NormalizedOrder map(String shop, String payload) {
        if (payload == null) {
            throw PddJson.permanent("order payload is missing", null);
        }
        JsonNode tree = PddJson.tree(payload, "order payload");
        if (!tree.isObject()) {
            throw PddJson.permanent("order payload is not a JSON object", null);
        }
        PddOrderDto o = PddJson.bind(tree, PddOrderDto.class, "order");
        String orderSn = required(o.orderSn(), "order_sn");
        int status = requiredInt(o.orderStatus(), "order_status");
        if (status < 1 || status > 3) {
            throw PddJson.permanent("order " + orderSn + " has an unknown order_status " + status, null);
        }
        int refund = o.refundStatus() == null ? 1 : o.refundStatus();
        if (refund < 1 || refund > 4) {
            throw PddJson.permanent("order " + orderSn + " has an unknown refund_status " + refund, null);
        }
        Instant updated = requiredTime(o.updatedAt(), "updated_at");
        Instant created = requiredTime(o.createdTime(), "created_time");
        Instant paid = PddJson.time(o.payTime(), "pay_time");
        BigDecimal goods = money(o.goodsAmount(), "goods_amount", true);
        BigDecimal discount = money(o.discountAmount(), "discount_amount", false);
        BigDecimal postage = money(o.postage(), "postage", false);
        BigDecimal pay = money(o.payAmount(), "pay_amount", true);

        List<OrderLine> lines = lines(o, pay.subtract(postage));
        Amounts amounts = new Amounts(CNY, goods, discount, postage, pay);
        NormalizedOrder order = new NormalizedOrder(PddConstants.CHANNEL, shop, orderSn, updated.toEpochMilli(),
                String.valueOf(status), payment(o, paid, refund), buyer(o), address(o), lines, amounts, created, paid,
                updated, blankToNull(o.buyerMemo()), blankToNull(o.remark()), tags(o, refund),
                new ChannelFacts(state(o, status, refund), PddJson.time(o.lastShipTime(), "last_ship_time"), null, null));
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw PddJson.permanent("order " + orderSn + ": " + String.join("; ", problems), null);
        }
        return order;
    }

    private static PaymentStatus payment(PddOrderDto o, Instant paid, int refund) {
        if (refund == 4) {
            return PaymentStatus.REFUNDED;
        }
        if (o.afterSalesStatus() != null && o.afterSalesStatus() == 10) {
            // 售后状态 10 退款成功 while the order-level refund_status is not 4: part of the order was refunded
            return PaymentStatus.PARTIALLY_REFUNDED;
        }
        if (o.stepOrderInfo() != null && o.stepOrderInfo().stepTradeStatus() != null
                && o.stepOrderInfo().stepTradeStatus() == 1) {
            return PaymentStatus.PARTIALLY_PAID; // 定金已付尾款未付
        }
        return paid == null ? PaymentStatus.UNPAID : PaymentStatus.PAID;
    }

    private static ChannelState state(PddOrderDto o, int status, int refund) {
        boolean closed = (o.confirmStatus() != null && o.confirmStatus() == 2)
                || (o.groupStatus() != null && o.groupStatus() == 2) || (status == 1 && refund == 4);
        if (closed) {
            return ChannelState.CANCELLED;
        }
        return status == 2 ? ChannelState.SHIPPED : status == 3 ? ChannelState.COMPLETED : ChannelState.OPEN;
    }

    private static List<String> tags(PddOrderDto o, int refund) {
        List<String> tags = new ArrayList<>();
        if (isOne(o.isPreSale()) || isOne(o.tradeType())) {
            tags.add("presale");
        }
        if (refund == 2 || refund == 3) {
            tags.add("refund-requested");
        }
        return tags;
    }

    /** Buyer fields are PDD ciphertext (or "" once the order left 待发货); kept verbatim. PDD gives no buyer id. */
    private static Buyer buyer(PddOrderDto o) {
        String name = blankToNull(o.receiverName());
        String phone = blankToNull(o.receiverPhone());
        return name == null && phone == null ? null : new Buyer(name, phone, null);
    }

    private static Address address(PddOrderDto o) {
        String country = blankToNull(o.country());
        String iso = country == null || "中国".equals(country) ? "CN" : null;
        return new Address(iso, blankToNull(o.province()), blankToNull(o.city()), blankToNull(o.town()), null,
                blankToNull(o.receiverAddress()), null);
    }

    /**
     * PDD has no line id and no per-line paid amount: a line is numbered by its SKU id, and the goods' total after
     * discounts ({@code pay_amount - postage}) is shared over the lines by value, the rounding's cents taken by the
     * priced lines from the last back.
     */
    private static List<OrderLine> lines(PddOrderDto o, BigDecimal goodsPaid) {
        List<PddItemDto> items = o.itemList();
        if (items == null || items.isEmpty()) {
            throw PddJson.permanent("order " + o.orderSn() + " has no item_list", null);
        }
        Map<String, Integer> seen = new HashMap<>();
        List<BigDecimal> gross = new ArrayList<>();
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < items.size(); i++) {
            PddItemDto it = item(items.get(i), "item_list[" + i + "]");
            BigDecimal g = price(it).multiply(BigDecimal.valueOf(it.goodsCount()));
            gross.add(g);
            total = total.add(g);
        }
        BigDecimal left = goodsPaid.max(BigDecimal.ZERO).min(total);
        BigDecimal discount = total.subtract(left);
        // each line's share of the discount by value, rounded down; the cents that leaves go to the priced lines from
        // the last back, each up to what it costs, so the shares add up to the discount exactly
        BigDecimal[] shares = new BigDecimal[items.size()];
        BigDecimal rest = discount;
        for (int i = 0; i < items.size(); i++) {
            shares[i] = total.signum() == 0 ? BigDecimal.ZERO.setScale(2)
                    : discount.multiply(gross.get(i)).divide(total, 2, RoundingMode.DOWN);
            rest = rest.subtract(shares[i]);
        }
        for (int i = items.size() - 1; i >= 0 && rest.signum() > 0; i--) {
            BigDecimal take = rest.min(gross.get(i).subtract(shares[i]));
            shares[i] = shares[i].add(take);
            rest = rest.subtract(take);
        }
        for (int i = 0; i < items.size(); i++) {
            lines.add(line(lineNo(items.get(i).skuId(), seen), items.get(i), gross.get(i).subtract(shares[i]), false));
        }
        List<PddItemDto> gifts = o.giftList() == null ? List.of() : o.giftList();
        for (int i = 0; i < gifts.size(); i++) {
            PddItemDto g = item(gifts.get(i), "gift_list[" + i + "]");
            lines.add(line("gift-" + lineNo(g.skuId(), seen), g, BigDecimal.ZERO.setScale(2), true));
        }
        return lines;
    }

    private static OrderLine line(String lineNo, PddItemDto it, BigDecimal paid, boolean gift) {
        String sku = blankToNull(it.outerId()) != null ? it.outerId().strip() : it.skuId();
        String title = it.goodsSpec() == null || it.goodsSpec().isBlank() ? it.goodsName()
                : it.goodsName() + " " + it.goodsSpec();
        return new OrderLine(lineNo, sku, null, title, it.goodsCount(), price(it), paid, gift, null);
    }

    private static PddItemDto item(PddItemDto it, String at) {
        if (it == null) {
            throw PddJson.permanent(at + " is null", null);
        }
        required(it.skuId(), at + ".sku_id");
        requiredInt(it.goodsCount(), at + ".goods_count");
        money(it.goodsPrice(), at + ".goods_price", true);
        return it;
    }

    private static BigDecimal price(PddItemDto it) {
        return it.goodsPrice().setScale(2, RoundingMode.UNNECESSARY); // checked by item()
    }

    private static String lineNo(String skuId, Map<String, Integer> seen) {
        int n = seen.merge(skuId, 1, Integer::sum);
        return n == 1 ? skuId : skuId + "#" + n;
    }

    /** Yuan with at most 2 decimals (PDD sends 188.0), exactly; negative amounts are refused. */
    private static BigDecimal money(BigDecimal v, String field, boolean required) {
        if (v == null) {
            if (required) {
                throw PddJson.permanent("field '" + field + "' is missing", null);
            }
            return BigDecimal.ZERO.setScale(2);
        }
        if (v.signum() < 0) {
            throw PddJson.permanent("field '" + field + "' is negative: " + v.toPlainString(), null);
        }
        try {
            return v.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw PddJson.permanent("field '" + field + "' has more than 2 decimals: " + v.toPlainString(), e);
        }
    }

    private static String required(String v, String field) {
        if (v == null || v.isBlank()) {
            throw PddJson.permanent("field '" + field + "' is missing", null);
        }
        return v.strip();
    }

    private static int requiredInt(Integer v, String field) {
        if (v == null) {
            throw PddJson.permanent("field '" + field + "' is missing", null);
        }
        return v;
    }

    private static Instant requiredTime(String v, String field) {
        return PddJson.time(required(v, field), field);
    }

    private static boolean isOne(Integer v) {
        return v != null && v == 1;
    }

    private static String blankToNull(String v) {
        return v == null || v.isBlank() ? null : v;
    }
}
