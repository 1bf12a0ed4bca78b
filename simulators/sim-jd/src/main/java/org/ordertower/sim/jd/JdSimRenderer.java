package org.ordertower.sim.jd;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;
import org.ordertower.sim.kit.SimOrder.Status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a simulated order as JOS's {@code orderInfo}: string ids and yuan strings, Beijing times, item lines with
 * their line {@code id}, a {@code couponDetailList} entry per discounted SKU, the consignee's name and address as
 * opaque ciphertext and the mobile masked ({@code 136*******5}) the way JD sends them since its buyer-data
 * protection, presale/live marks in {@code orderMarkDesc}. Only orders that reached production conditions (paid) are
 * visible on JOS; see {@link #visible}.
 */
final class JdSimRenderer {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("Asia/Shanghai"));
    private final String cipherKey;

    JdSimRenderer(String cipherKey) {
        this.cipherKey = cipherKey;
    }

    /** The buyer as JOS shows it to an app: an open id under the app's key, not the buyer's pin. */
    String openId(String buyerId) {
        return "o*AA" + Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.hmac("HmacSHA256", cipherKey, buyerId));
    }

    /** The order search shows orders once they can be produced: paid (this simulator has no cash on delivery). */
    static boolean visible(SimOrder o) {
        return o.paidAt != null;
    }

    /** The shop's JD venderId, derived from its name. */
    static long venderId(String shopId) {
        return Long.parseLong("10" + Math.abs(shopId.hashCode() % 1_000_000));
    }

    static String state(SimOrder o) {
        if (o.status == Status.CANCELLED) {
            return "TRADE_CANCELED";
        }
        if (o.status == Status.DELIVERED) {
            return "FINISHED_L";
        }
        if (o.status == Status.SHIPPED) {
            return "WAIT_GOODS_RECEIVE_CONFIRM";
        }
        boolean asked = o.lines.stream().anyMatch(l -> l.refund == Refund.REQUESTED);
        return asked ? "LOCKED" : "WAIT_SELLER_STOCK_OUT";
    }

    private static String remark(String state) {
        return switch (state) {
            case "TRADE_CANCELED" -> "(删除)已取消";
            case "FINISHED_L" -> "完成";
            case "WAIT_GOODS_RECEIVE_CONFIRM" -> "等待确认收货";
            case "LOCKED" -> "已锁定";
            default -> "等待出库";
        };
    }

    ObjectNode render(SimOrder o) {
        String state = state(o);
        ObjectNode n = JSON.createObjectNode();
        n.put("orderId", o.orderId);
        n.put("venderId", Long.toString(venderId(o.shopId)));
        n.put("orderType", "22");
        n.put("payType", "4-在线支付");
        n.put("orderTotalPrice", yuan(o.goods()));
        n.put("orderSellerPrice", yuan(o.goods().subtract(o.discount)));
        n.put("orderPayment", yuan(o.payment()));
        n.put("freightPrice", yuan(o.shipping));
        n.put("sellerDiscount", yuan(o.discount));
        n.put("balanceUsed", "0.00");
        n.put("orderState", state);
        n.put("orderStateRemark", remark(state));
        n.put("orderRemark", o.buyerNote == null ? "" : o.buyerNote);
        n.put("venderRemark", o.sellerMemo == null ? "" : o.sellerMemo);
        n.put("orderStartTime", TIME.format(o.created));
        boolean ended = o.status == Status.CANCELLED || o.status == Status.DELIVERED;
        n.put("orderEndTime", ended ? TIME.format(o.modified) : "");
        n.put("paymentConfirmTime", o.paidAt == null ? "" : TIME.format(o.paidAt));
        n.put("modified", TIME.format(o.modified));
        n.put("dataVersion", String.valueOf(o.modified.toEpochMilli()));
        n.put("pin", "jd_" + o.buyerNick);
        n.put("open_id_buyer", openId(o.buyerId));
        n.set("consigneeInfo", consignee(o));
        n.set("itemInfoList", items(o));
        n.set("couponDetailList", coupons(o));
        ObjectNode marks = n.putObject("orderMarkDesc");
        if (o.presale) {
            marks.put("presale", "预售订单");
        }
        if (o.live) {
            marks.put("live", "直播订单");
        }
        Set<String> waybills = new LinkedHashSet<>();
        String carrier = "";
        for (Line l : o.lines) {
            if (l.trackingNo != null) {
                waybills.add(l.trackingNo);
                carrier = l.carrierCode;
            }
        }
        n.put("waybill", String.join(",", waybills));
        n.put("logisticsId", carrier);
        n.put("returnOrder", "0");
        n.put("parentOrderId", "0");
        n.put("orderSource", o.live ? "移动端订单" : "PC订单");
        return n;
    }

    private ObjectNode consignee(SimOrder o) {
        ObjectNode c = JSON.createObjectNode();
        String[] a = o.address;
        c.put("fullname", cipher(o.receiverName));
        String masked = o.receiverPhone.substring(0, 3) + "*******" + o.receiverPhone.substring(o.receiverPhone.length() - 1);
        c.put("mobile", masked);
        c.put("telephone", masked);
        c.put("desen_mobile", Digests.sha256Hex(cipherKey + o.receiverPhone).substring(0, 40));
        c.put("fullAddress", cipher(a[0] + a[1] + a[2] + a[3] + a[4]));
        c.put("province", a[0].replaceAll("(省|市)$", ""));
        c.put("city", a[1]);
        c.put("county", a[2]);
        c.put("town", a[3]);
        return c;
    }

    private static ArrayNode items(SimOrder o) {
        ArrayNode items = JSON.createArrayNode();
        for (Line l : o.lines) {
            ObjectNode i = items.addObject();
            i.put("id", l.lineId);
            i.put("skuId", l.listing.skuId());
            i.put("outerSkuId", l.listing.outerId());
            i.put("wareId", l.listing.itemId());
            i.put("skuName", l.listing.title());
            i.put("jdPrice", yuan(l.price));
            i.put("itemTotal", String.valueOf(l.quantity));
            i.put("giftPoint", "0");
            i.put("newStoreId", "0");
        }
        return items;
    }

    private static ArrayNode coupons(SimOrder o) {
        ArrayNode coupons = JSON.createArrayNode();
        for (Line l : o.lines) {
            BigDecimal off = l.price.multiply(BigDecimal.valueOf(l.quantity)).subtract(l.paid);
            if (off.signum() > 0) {
                ObjectNode c = coupons.addObject();
                c.put("orderId", o.orderId);
                c.put("skuId", l.listing.skuId());
                c.put("couponType", "100-店铺优惠");
                c.put("couponPrice", yuan(off));
            }
        }
        return coupons;
    }

    /** Opaque, stable ciphertext in the look of JD's (base64); the simulator offers no decryption. */
    private String cipher(String plain) {
        byte[] mac = Digests.hmac("HmacSHA256", cipherKey, plain);
        return "AAS/" + Base64.getEncoder().encodeToString(mac) + Base64.getEncoder().encodeToString(
                Digests.hmac("HmacSHA256", plain, cipherKey));
    }

    static String yuan(BigDecimal v) {
        return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
    }
}
