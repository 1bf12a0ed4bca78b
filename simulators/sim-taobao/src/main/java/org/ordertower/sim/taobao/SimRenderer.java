package org.ordertower.sim.taobao;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;
import org.ordertower.sim.kit.SimOrder.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a simulated order as a TOP {@code Trade} in JSON, the way fullinfo.get and increment.get send it: numeric
 * tid plus tid_str, money as yuan strings, GMT+8 times, lists wrapped ({@code "orders":{"order":[...]}}), receiver
 * masked with an OAID to decrypt it, buyer known by buyer_open_uid and a masked nick.
 */
final class SimRenderer {
    static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.of("GMT+8"));

    private SimRenderer() {
    }

    static String time(Instant i) {
        return TIME.format(i);
    }

    /** The trade, keeping only {@code fields} (TOP returns what the fields parameter asks for). */
    static ObjectNode trade(SimOrder o, Set<String> fields) {
        ObjectNode t = SimRenderer.JSON.createObjectNode();
        t.put("tid", Long.parseLong(o.orderId));
        t.put("tid_str", o.orderId);
        t.put("type", o.presale ? "step" : "fixed");
        t.put("status", status(o));
        t.put("created", time(o.created));
        if (o.paidAt != null) {
            t.put("pay_time", time(o.paidAt));
            t.put("delivery_time", time(o.paidAt.plusSeconds(48 * 3600)));
        }
        t.put("modified", time(o.modified));
        t.put("payment", yuan(o.payment()));
        t.put("total_fee", yuan(o.goods()));
        t.put("discount_fee", yuan(o.discount));
        t.put("post_fee", yuan(o.shipping));
        t.put("buyer_nick", o.buyerNick.charAt(0) + "**");
        t.put("buyer_open_uid", openUid(o.buyerId));
        if (o.buyerNote != null) {
            t.put("buyer_message", o.buyerNote);
        }
        if (o.sellerMemo != null) {
            t.put("seller_memo", o.sellerMemo);
        }
        receiver(t, o);
        if (o.presale) {
            t.put("step_trade_status", o.paidAt == null ? "FRONT_NOPAID_FINAL_NOPAID" : "FRONT_PAID_FINAL_NOPAID");
            t.put("step_paid_fee", yuan(o.paidAt == null ? BigDecimal.ZERO : o.payment()));
        }
        if (o.addressEdited) {
            t.put("lm", "1");
        }
        ArrayNode orders = t.putObject("orders").putArray("order");
        for (Line l : o.lines) {
            orders.add(line(o, l));
        }
        if (fields != null) {
            t.retain(fields);
        }
        return t;
    }

    private static void receiver(ObjectNode t, SimOrder o) {
        // TOP masks the receiver (姓名、手机、详细地址 加密/脱敏) and adds the OAID that decrypts it (apiId=54714)
        String name = o.receiverName;
        t.put("receiver_name", name.substring(0, 1) + "*".repeat(Math.max(1, name.length() - 1)));
        t.put("receiver_mobile", "*******" + o.receiverPhone.substring(o.receiverPhone.length() - 4));
        t.put("receiver_phone", "");
        t.put("receiver_country", "");
        t.put("receiver_state", o.address[0]);
        t.put("receiver_city", o.address[1]);
        t.put("receiver_district", o.address[2]);
        t.put("receiver_town", o.address[3]);
        t.put("receiver_address", o.address[3] + "****");
        t.put("receiver_zip", o.address[5]);
        t.put("oaid", oaid(o));
    }

    /** The OAID of the receiver as it stands: changes when the address or phone does. */
    static String oaid(SimOrder o) {
        return "1" + digest("oaid:" + o.orderId + ":" + o.receiverName + ":" + o.receiverPhone + ":" + String.join("|", o.address))
                .substring(0, 39);
    }

    private static ObjectNode line(SimOrder o, Line l) {
        ObjectNode n = SimRenderer.JSON.createObjectNode();
        n.put("oid", Long.parseLong(l.lineId));
        n.put("oid_str", l.lineId);
        n.put("num_iid", Long.parseLong(l.listing.itemId()));
        n.put("sku_id", l.listing.skuId());
        n.put("outer_iid", l.listing.outerId().split("-")[0]);
        n.put("outer_sku_id", l.listing.outerId());
        n.put("title", l.listing.title());
        n.put("num", l.quantity);
        n.put("price", yuan(l.price));
        BigDecimal gross = l.price.multiply(BigDecimal.valueOf(l.quantity));
        n.put("total_fee", yuan(gross));
        n.put("payment", yuan(l.paid));
        n.put("divide_order_fee", yuan(l.paid));
        n.put("discount_fee", yuan(gross.subtract(l.paid)));
        n.put("adjust_fee", "0.00");
        n.put("refund_status", SimApis.refundStatus(l));
        n.put("status", l.trackingNo != null ? "WAIT_BUYER_CONFIRM_GOODS" : l.refund == Refund.REFUNDED ? "TRADE_CLOSED" : status(o));
        if (l.refundId != null) {
            n.put("refund_id", l.refundId);
        }
        if (l.listing.gift()) {
            n.put("is_free_gift", true);
        }
        if (o.addressEdited) {
            n.put("modify_address", "1");
        }
        if (l.trackingNo != null) {
            n.put("invoice_no", l.trackingNo);
            n.put("logistics_company", l.carrierCode);
        }
        return n;
    }

    static String status(SimOrder o) {
        return switch (o.status) {
            case UNPAID -> "WAIT_BUYER_PAY";
            case PAID -> "WAIT_SELLER_SEND_GOODS";
            case PARTLY_SHIPPED -> "SELLER_CONSIGNED_PART";
            case SHIPPED -> "WAIT_BUYER_CONFIRM_GOODS";
            case DELIVERED -> "TRADE_FINISHED";
            case CANCELLED -> o.paidAt == null ? "TRADE_CLOSED_BY_TAOBAO" : "TRADE_CLOSED";
        };
    }

    static boolean closed(SimOrder o) {
        return o.status == Status.CANCELLED;
    }

    static String yuan(BigDecimal v) {
        return v.setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** The buyer as TOP shows it to an app: an open uid, not the buyer's own id. */
    static String openUid(String buyerId) {
        return "AAG" + digest("uid:" + buyerId).substring(0, 21);
    }

    static String digest(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String token(String seed) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest(seed).substring(0, 30).getBytes(StandardCharsets.US_ASCII));
    }
}
