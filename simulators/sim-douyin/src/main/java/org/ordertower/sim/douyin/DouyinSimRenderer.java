package org.ordertower.sim.douyin;

import java.math.BigDecimal;
import java.time.Instant;

import org.ordertower.api.Masking;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrder.Line;
import org.ordertower.sim.kit.SimOrder.Refund;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders book orders as the platform's shop orders (sdk_golang api/order_searchList ShopOrderListItem /
 * api/order_orderDetail ShopOrderDetail): amounts in fen, times in unix seconds, receiver name, phone and
 * address detail encrypted, masked copies beside them.
 */
final class DouyinSimRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String shopId;
    private final DouyinSimCipher cipher;

    DouyinSimRenderer(String shopId, DouyinSimCipher cipher) {
        this.shopId = shopId;
        this.cipher = cipher;
    }

    /** order_status and its text: 1 待支付, 2 备货中, 101 部分发货, 3 已发货, 5 已完成, 4 已取消. */
    static int status(SimOrder o) {
        return switch (o.status) {
            case UNPAID -> 1;
            case PAID -> 2;
            case PARTLY_SHIPPED -> 101;
            case SHIPPED -> 3;
            case DELIVERED -> 5;
            case CANCELLED -> 4;
        };
    }

    private static String statusText(int status) {
        return switch (status) {
            case 1 -> "待支付";
            case 2 -> "备货中";
            case 101 -> "部分发货";
            case 3 -> "已发货";
            case 5 -> "已完成";
            default -> "已取消";
        };
    }

    /** The buyer as the Douyin shop API shows it: a doudian open id. */
    static String openId(String buyerId) {
        return "1@#" + java.util.Base64.getEncoder().encodeToString(buyerId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static long seconds(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }

    static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    ObjectNode render(SimOrder o) {
        int status = status(o);
        ObjectNode n = MAPPER.createObjectNode();
        n.put("shop_id", Long.parseLong(shopId));
        n.put("shop_name", "OrderTower 模拟店铺");
        n.put("open_id", "");
        n.put("order_id", o.orderId);
        n.put("order_level", 2);
        n.put("biz", 2);
        n.put("biz_desc", "小店");
        n.put("order_type", 0);
        n.put("order_type_desc", "普通订单");
        n.put("trade_type", 0);
        n.put("trade_type_desc", "普通");
        n.put("order_status", status);
        n.put("order_status_desc", statusText(status));
        n.put("main_status", status);
        n.put("main_status_desc", statusText(status));
        n.put("pay_time", seconds(o.paidAt));
        n.put("order_expire_time", o.status == SimOrder.Status.UNPAID ? 1800 : 0);
        n.put("finish_time", o.status == SimOrder.Status.DELIVERED ? seconds(o.modified) : 0);
        n.put("create_time", seconds(o.created));
        n.put("update_time", seconds(o.modified));
        n.put("cancel_reason", o.status == SimOrder.Status.CANCELLED ? "买家取消订单" : "");
        n.put("buyer_words", o.buyerNote == null ? "" : o.buyerNote);
        n.put("seller_words", o.sellerMemo == null ? "" : o.sellerMemo);
        n.put("b_type", 2);
        n.put("b_type_desc", "抖音");
        n.put("sub_b_type", 1);
        n.put("sub_b_type_desc", "app内-原生");
        n.put("pay_type", o.paidAt == null ? 0 : 1);
        n.put("channel_payment_no", o.paidAt == null ? "" : "4200" + o.orderId);
        long pay = fen(o.payment());
        long promotion = fen(o.discount);
        n.put("order_amount", pay + promotion);
        n.put("pay_amount", pay);
        n.put("post_amount", fen(o.shipping));
        n.put("post_insurance_amount", 0);
        n.put("modify_amount", 0);
        n.put("modify_post_amount", 0);
        n.put("promotion_amount", promotion);
        n.put("promotion_shop_amount", promotion);
        n.put("promotion_platform_amount", 0);
        n.put("promotion_talent_amount", 0);
        n.put("promotion_pay_amount", 0);
        receiver(n, o);
        long expShip = seconds(o.paidAt == null ? o.created : o.paidAt) + (o.presale ? 15 : 2) * 86_400L;
        n.put("exp_ship_time", expShip);
        n.put("ship_time", o.lines.stream().anyMatch(l -> l.trackingNo != null) ? seconds(o.modified) : 0);
        n.set("logistics_info", logistics(o));
        ArrayNode skus = n.putArray("sku_order_list");
        String master = o.lines.get(0).lineId;
        boolean hasGift = o.lines.stream().anyMatch(l -> l.listing.gift());
        for (Line l : o.lines) {
            skus.add(sku(o, l, status, hasGift, master, expShip));
        }
        n.put("seller_remark_stars", o.sellerMemo == null ? 0 : 1);
        n.putArray("order_phase_list");
        n.put("doudian_open_id", openId(o.buyerId));
        ArrayNode tags = n.putArray("shop_order_tag_ui");
        if (o.addressEdited) {
            tags.addObject().put("key", "address_changed").put("text", "改地址").put("help_doc", "");
        }
        n.putArray("user_tag_ui");
        return n;
    }

    private void receiver(ObjectNode n, SimOrder o) {
        String name = cipher.encrypt(o.orderId, o.receiverName, DouyinSimCipher.NAME);
        String tel = cipher.encrypt(o.orderId, o.receiverPhone, DouyinSimCipher.PHONE);
        String detail = cipher.encrypt(o.orderId, o.address[4], DouyinSimCipher.ADDRESS);
        n.put("post_receiver", name);
        n.put("encrypt_post_receiver", name);
        n.put("post_tel", tel);
        n.put("encrypt_post_tel", tel);
        ObjectNode addr = n.putObject("post_addr");
        region(addr, "province", o.address[0], 1);
        region(addr, "city", o.address[1], 2);
        region(addr, "town", o.address[2], 3);
        region(addr, "street", o.address[3], 4);
        addr.put("detail", detail);
        addr.put("encrypt_detail", detail);
        n.put("mask_post_receiver", Masking.name(o.receiverName));
        n.put("mask_post_tel", Masking.phone(o.receiverPhone));
        ObjectNode mask = n.putObject("mask_post_addr");
        region(mask, "province", o.address[0], 1);
        region(mask, "city", o.address[1], 2);
        region(mask, "town", o.address[2], 3);
        region(mask, "street", o.address[3], 4);
        mask.put("detail", "***");
    }

    private static void region(ObjectNode addr, String field, String name, int level) {
        addr.putObject(field).put("name", name).put("id", String.valueOf(Math.abs(name.hashCode() % 900_000) + level * 1_000_000));
    }

    private static ArrayNode logistics(SimOrder o) {
        ArrayNode out = MAPPER.createArrayNode();
        for (Line l : o.lines) {
            if (l.trackingNo != null) {
                ObjectNode p = out.addObject();
                p.put("tracking_no", l.trackingNo);
                p.put("company", l.carrierCode);
                DouyinSimCatalog.Company company = DouyinSimCatalog.company(l.carrierCode);
                p.put("company_name", company == null ? l.carrierCode : company.name());
                p.put("ship_time", seconds(o.modified));
                p.put("delivery_id", "D" + l.lineId);
                p.putArray("product_info").addObject().put("sku_order_id", l.lineId).put("product_count", l.quantity)
                        .put("outer_sku_id", l.listing.outerId()).put("sku_id", Long.parseLong(l.listing.skuId()))
                        .put("product_name", l.listing.title()).put("price", fen(l.price));
            }
        }
        return out;
    }

    private ObjectNode sku(SimOrder o, Line l, int status, boolean hasGift, String master, long expShip) {
        ObjectNode s = MAPPER.createObjectNode();
        s.put("order_id", l.lineId);
        s.put("parent_order_id", o.orderId);
        s.put("order_level", 3);
        s.put("order_type", 0);
        s.put("trade_type", 0);
        s.put("order_status", status);
        s.put("order_status_desc", statusText(status));
        s.put("create_time", seconds(o.created));
        s.put("update_time", seconds(o.modified));
        s.put("pay_time", seconds(o.paidAt));
        s.put("exp_ship_time", expShip);
        s.put("product_id", Long.parseLong(l.listing.itemId()));
        s.put("product_id_str", l.listing.itemId());
        s.put("sku_id", Long.parseLong(l.listing.skuId()));
        s.put("code", l.listing.outerId());
        s.put("out_sku_id", "");
        s.put("product_name", l.listing.title());
        s.putArray("spec").addObject().put("name", "规格").put("value", "默认");
        s.put("item_num", l.quantity);
        long gross = fen(l.price) * l.quantity;
        s.put("origin_amount", fen(l.price));
        s.put("sum_amount", gross);
        s.put("pay_amount", fen(l.paid));
        s.put("promotion_amount", gross - fen(l.paid));
        s.put("post_amount", 0);
        s.put("goods_type", 0);
        s.put("pre_sale_type", o.presale ? 1 : 0);
        s.put("room_id", o.live ? 7_000_000_000L + Long.parseLong(o.orderId) % 1000 : 0);
        s.put("room_id_str", o.live ? String.valueOf(7_000_000_000L + Long.parseLong(o.orderId) % 1000) : "");
        s.put("ad_env_type", o.live ? "live" : "");
        s.put("author_name", o.live ? "模拟主播" : "");
        s.put("given_product_type", !hasGift ? "" : l.listing.gift() ? "FREE" : "MASTER");
        ArrayNode masters = s.putArray("master_sku_order_id_list");
        if (l.listing.gift()) {
            masters.add(master);
        }
        ObjectNode after = s.putObject("after_sale_info");
        int[] a = afterSale(l.refund);
        after.put("after_sale_status", a[0]).put("after_sale_type", a[1]).put("refund_status", a[2]);
        return s;
    }

    /**
     * {after_sale_status, after_sale_type, refund_status}: 6 申请 / 11 待商家收货 / 12 成功 / 28 失败 / 29 退货后拒绝退款;
     * 0 退货退款 / 2 未发货仅退款; 1 待退款 / 3 成功.
     */
    private static int[] afterSale(Refund r) {
        return switch (r) {
            case NONE -> new int[] { 0, 0, 0 };
            case REQUESTED -> new int[] { 6, 2, 1 };
            case RETURNING -> new int[] { 11, 0, 1 }; // 11 买家已退货，待商家收货; type 0 退货退款
            case REFUSED -> new int[] { 29, 0, 1 }; // 29 退货后拒绝退款
            case REFUNDED -> new int[] { 12, 2, 3 };
            case CLOSED -> new int[] { 28, 2, 1 };
        };
    }
}
