package org.ordertower.sim.pdd;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;
import org.ordertower.sim.kit.SimOrder.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a simulated order as PDD's {@code order_sn_list[]} / {@code order_info} object: order_sn
 * {@code yyMMdd-<id>}, yuan amounts, Beijing {@code yyyy-MM-dd HH:mm:ss} times, order/confirm/group/refund
 * statuses, gifts in {@code gift_list}, receiver fields as ciphertext only while the order waits to ship.
 */
final class PddSimRenderer {
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    private static final DateTimeFormatter SN_DAY = DateTimeFormatter.ofPattern("yyMMdd").withZone(CHINA);

    private final ObjectMapper json;
    private final PddSimCipher cipher;

    PddSimRenderer(ObjectMapper json, PddSimCipher cipher) {
        this.json = json;
        this.cipher = cipher;
    }

    static String orderSn(SimOrder o) {
        return SN_DAY.format(o.created) + "-" + o.orderId;
    }

    /** The book's id inside an order_sn, or null when it is not shaped like one. */
    static String orderId(String orderSn) {
        int dash = orderSn == null ? -1 : orderSn.indexOf('-');
        return dash == 6 && orderSn.length() > 7 ? orderSn.substring(7) : null;
    }

    static int orderStatus(SimOrder o) {
        return switch (o.status) {
            case SHIPPED, PARTLY_SHIPPED -> 2;
            case DELIVERED -> 3;
            default -> 1;
        };
    }

    static int refundStatus(SimOrder o) {
        if (o.lines.stream().allMatch(l -> l.refund == Refund.REFUNDED)) {
            return 4;
        }
        return o.lines.stream().anyMatch(l -> l.refund == Refund.REQUESTED) ? 2 : 1;
    }

    ObjectNode render(SimOrder o) {
        ObjectNode n = json.createObjectNode();
        int status = orderStatus(o);
        int refund = refundStatus(o);
        boolean waiting = status == 1 && o.status != Status.CANCELLED;
        n.put("order_sn", orderSn(o));
        n.put("order_status", status);
        n.put("refund_status", refund);
        n.put("after_sales_status", afterSales(o));
        n.put("confirm_status", o.status == Status.UNPAID ? 0 : o.status == Status.CANCELLED && o.paidAt == null ? 2 : 1);
        n.put("group_status", o.status == Status.UNPAID ? 0 : 1);
        n.put("trade_type", 0);
        n.put("is_pre_sale", o.presale ? 1 : 0);
        n.put("pre_sale_time", o.presale ? time(o.created.plusSeconds(7 * 86400)) : "");
        n.put("is_lucky_flag", 1);
        n.put("created_time", time(o.created));
        n.put("confirm_time", time(o.paidAt));
        n.put("pay_time", time(o.paidAt));
        n.put("updated_at", time(o.modified));
        n.put("last_ship_time", o.paidAt == null ? "" : time(o.paidAt.plusSeconds(48 * 3600)));
        n.put("goods_amount", o.goods());
        n.put("discount_amount", o.discount);
        n.put("seller_discount", o.discount);
        n.put("platform_discount", BigDecimal.ZERO.setScale(1));
        n.put("capital_free_discount", BigDecimal.ZERO.setScale(1));
        n.put("order_change_amount", BigDecimal.ZERO.setScale(1));
        n.put("postage", o.shipping);
        n.put("pay_amount", o.payment());
        n.put("pay_type", o.paidAt == null ? "" : "WEIXIN");
        n.put("pay_no", "");
        receiver(n, o, waiting);
        n.put("buyer_memo", o.buyerNote == null ? "" : o.buyerNote);
        n.put("remark", o.sellerMemo == null ? "" : o.sellerMemo);
        Line shipped = o.lines.stream().filter(l -> l.trackingNo != null).findFirst().orElse(null);
        n.put("tracking_number", shipped == null ? "" : shipped.trackingNo);
        n.put("logistics_id", shipped == null ? 0 : Long.parseLong(shipped.carrierCode));
        n.put("shipping_time", shipped == null ? "" : time(o.modified));
        n.put("receive_time", o.status == Status.DELIVERED ? time(o.modified) : "");
        n.put("risk_control_status", 0);
        ArrayNode items = n.putArray("item_list");
        ArrayNode gifts = n.putArray("gift_list");
        // a gift rides in gift_list beside what was bought; a gift listing bought on its own (nothing else on the
        // order) is what the order sold, so it is the order's item, as the platform never sends an empty item_list
        boolean alone = o.lines.stream().allMatch(l -> l.listing.gift());
        for (Line l : o.lines) {
            item(l.listing.gift() && !alone ? gifts.addObject() : items.addObject(), l);
        }
        n.putArray("extra_delivery_list");
        return n;
    }

    private void receiver(ObjectNode n, SimOrder o, boolean waiting) {
        String[] a = o.address;
        n.put("country", "中国");
        n.put("country_id", 0);
        n.put("province", a[0]);
        n.put("city", a[1]);
        n.put("town", a[2]);
        String detail = a[3] + a[4];
        // receiver data comes as ciphertext only while the order waits to ship (待发货), else as ""
        n.put("receiver_name", waiting ? cipher.text(o.receiverName) : "");
        n.put("receiver_phone", waiting ? cipher.phone(o.receiverPhone) : "");
        n.put("receiver_address", waiting ? cipher.text(detail) : "");
        n.put("address", waiting ? cipher.text(a[0] + a[1] + a[2] + detail) : "");
        n.put("receiver_name_mask", waiting ? PddSimCipher.maskName(o.receiverName) : "");
        n.put("receiver_phone_mask", waiting ? PddSimCipher.maskPhone(o.receiverPhone) : "");
        n.put("receiver_address_mask", waiting ? PddSimCipher.maskAddress(detail) : "");
        n.put("address_mask", waiting ? PddSimCipher.maskAddress(a[0] + a[1] + a[2] + detail) : "");
    }

    private static void item(ObjectNode i, Line l) {
        i.put("goods_id", l.listing.itemId());
        i.put("sku_id", l.listing.skuId());
        i.put("outer_id", l.listing.outerId());
        i.put("outer_goods_id", "");
        i.put("goods_name", l.listing.title());
        i.put("goods_spec", "");
        i.put("goods_price", l.price);
        i.put("goods_count", l.quantity);
        i.put("goods_img", "https://img.pddpic.com/sim/" + l.listing.skuId() + ".jpeg");
    }

    private static int afterSales(SimOrder o) {
        if (o.lines.stream().anyMatch(l -> l.refund == Refund.REQUESTED)) {
            return 2; // 买家申请退款，待商家处理
        }
        return o.lines.stream().anyMatch(l -> l.refund == Refund.REFUNDED) ? 10 : 0; // 10 退款成功
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }
}
