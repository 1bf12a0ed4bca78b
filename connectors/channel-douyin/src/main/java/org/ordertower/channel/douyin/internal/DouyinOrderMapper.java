package org.ordertower.channel.douyin.internal;

import static org.ordertower.channel.douyin.internal.DouyinFields.*;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
import org.ordertower.api.channel.ChannelException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One shop order as order.searchList / order.orderDetail return it (sdk_golang api/order_searchList,
 * ShopOrderListItem; api/order_orderDetail, ShopOrderDetail) onto the model. Pure, thread-safe.
 *
 * <p>Mapped: order_id, order_status, create_time, pay_time, update_time, exp_ship_time, order_amount
 * (checked only), pay_amount, post_amount, promotion_amount, buyer_words, seller_words, doudian_open_id,
 * encrypt_post_receiver / post_receiver / mask_post_receiver, encrypt_post_tel / post_tel / mask_post_tel,
 * post_addr (province, city, town, street names; encrypt_detail / detail), trade_type, order_phase_list,
 * shop_order_tag_ui; per sku_order_list entry: order_id, code, sku_id, product_name, item_num,
 * origin_amount, pay_amount, given_product_type, pre_sale_type, room_id / room_id_str, ad_env_type,
 * after_sale_info (after_sale_status, refund_status). Everything else (ids of regions, category ids,
 * payment channel, promotion breakdowns, logistics_info, warehouse, author, b_type, store, coupons...)
 * is deliberately ignored: core needs none of it and the raw payload is kept.
 */
public final class DouyinOrderMapper {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** order_status (订单状态): 1 待支付, 105 已支付, 2 备货中, 101 部分发货, 3 已发货, 4 已取消, 5 已完成. */
    private record Status(ChannelState state, boolean paid) {
    }

    private static final Map<Long, Status> STATUS = Map.of(1L, new Status(ChannelState.OPEN, false), 105L,
            new Status(ChannelState.OPEN, true), 2L, new Status(ChannelState.OPEN, true), 101L,
            new Status(ChannelState.OPEN, true), 3L, new Status(ChannelState.SHIPPED, true), 4L,
            new Status(ChannelState.CANCELLED, false), 5L, new Status(ChannelState.COMPLETED, true));

    /** after_sale_info.refund_status 3 = 退款成功. */
    private static final long REFUND_SUCCESS = 3;
    /** after_sale_info.refund_status 1 = 待退款. */
    private static final long REFUND_PENDING = 1;
    /** after_sale_status values that end an after-sale without a refund: 0 初始化, 27 拒绝, 28 售后失败, 29 退货后拒绝退款. */
    private static final List<Long> AFTER_SALE_CLOSED = List.of(0L, 27L, 28L, 29L);
    /** shop_order_tag_ui key the simulator sets after a buyer edits the address (key not published; README). */
    public static final String TAG_ADDRESS_CHANGED = "address_changed";

    /**
     * @throws ChannelException PERMANENT naming the field when the payload cannot be mapped
     */
    public NormalizedOrder map(String shop, String payload) {
        JsonNode root;
        try {
            root = MAPPER.readTree(payload);
        } catch (Exception e) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin order payload is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin order payload must be a JSON object");
        }
        try {
            return check(map(shop, root));
        } catch (ChannelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ChannelException(ChannelException.Kind.PERMANENT, "douyin order payload cannot be mapped: " + e, e);
        }
    }

    private NormalizedOrder map(String shop, JsonNode o) {
        String orderId = text(o, "order_id", "");
        long statusCode = integer(o, "order_status", "");
        Status status = STATUS.get(statusCode);
        if (status == null) {
            throw bad("order_status", "value " + statusCode + " is not a known Douyin order status");
        }
        Instant created = seconds(o, "create_time", "");
        if (created == null) {
            throw bad("create_time", "is missing");
        }
        Instant updated = seconds(o, "update_time", "");
        if (updated == null) {
            throw bad("update_time", "is missing");
        }
        Instant paidAt = seconds(o, "pay_time", "");
        boolean paid = status.paid() || paidAt != null;

        JsonNode skus = array(o, "sku_order_list", "");
        List<OrderLine> lines = new ArrayList<>();
        BigDecimal goods = BigDecimal.ZERO;
        int refunded = 0;
        boolean refundPending = false;
        boolean presale = optionalInteger(o, "trade_type", "") == 2 || hasElements(o, "order_phase_list");
        boolean live = false;
        for (int i = 0; i < skus.size(); i++) {
            String at = "sku_order_list[" + i + "].";
            JsonNode s = skus.get(i);
            if (s == null || !s.isObject()) {
                throw bad("sku_order_list[" + i + "]", "must be an object");
            }
            OrderLine line = line(s, at);
            lines.add(line);
            goods = goods.add(line.unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
            JsonNode afterSale = optionalObject(s, "after_sale_info", at);
            if (afterSale != null) {
                long refundStatus = optionalInteger(afterSale, "refund_status", at + "after_sale_info.");
                long afterSaleStatus = optionalInteger(afterSale, "after_sale_status", at + "after_sale_info.");
                if (refundStatus == REFUND_SUCCESS) {
                    refunded++;
                } else if (refundStatus == REFUND_PENDING && !AFTER_SALE_CLOSED.contains(afterSaleStatus)) {
                    refundPending = true;
                }
            }
            long preSaleType = optionalInteger(s, "pre_sale_type", at);
            // pre_sale_type 1 全款预售, 2 阶梯发货; trade_type 2 定金预售
            presale |= preSaleType == 1 || preSaleType == 2 || optionalInteger(s, "trade_type", at) == 2;
            String room = optionalText(s, "room_id_str", at);
            live |= room != null && !"0".equals(room) || optionalInteger(s, "room_id", at) > 0
                    || "live".equals(optionalText(s, "ad_env_type", at));
        }
        if (lines.isEmpty()) {
            throw bad("sku_order_list", "holds no line");
        }
        PaymentStatus payment = !paid ? PaymentStatus.UNPAID
                : refunded == lines.size() ? PaymentStatus.REFUNDED
                        : refunded > 0 ? PaymentStatus.PARTIALLY_REFUNDED : PaymentStatus.PAID;

        Amounts amounts = new Amounts("CNY", goods, fen(o, "promotion_amount", "", false), fen(o, "post_amount", "", false),
                fen(o, "pay_amount", "", true));
        List<String> tags = new ArrayList<>();
        if (presale) {
            tags.add("presale");
        }
        if (live) {
            tags.add("live");
        }
        if (refundPending) {
            tags.add("refund-requested");
        }
        if (hasTag(o, TAG_ADDRESS_CHANGED)) {
            tags.add("address-changed");
        }
        ChannelFacts facts = new ChannelFacts(status.state(), seconds(o, "exp_ship_time", ""), null, null);
        return new NormalizedOrder(DouyinConstants.CHANNEL, shop, orderId, updated.toEpochMilli(), String.valueOf(statusCode),
                payment, buyer(o), address(o), lines, amounts, created, paidAt, updated, optionalText(o, "buyer_words", ""),
                optionalText(o, "seller_words", ""), tags, facts);
    }

    private static OrderLine line(JsonNode s, String at) {
        String lineNo = text(s, "order_id", at);
        String code = optionalText(s, "code", at);
        long skuId = integer(s, "sku_id", at);
        long quantity = integer(s, "item_num", at);
        if (quantity < 1 || quantity > NormalizedOrder.MAX_QUANTITY) {
            throw bad(at + "item_num", "must be 1.." + NormalizedOrder.MAX_QUANTITY + ", was " + quantity);
        }
        String sku = code != null && !code.isBlank() ? code : String.valueOf(skuId);
        boolean gift = "FREE".equals(optionalText(s, "given_product_type", at));
        return new OrderLine(lineNo, sku, null, optionalText(s, "product_name", at), (int) quantity,
                fen(s, "origin_amount", at, true), fen(s, "pay_amount", at, true), gift, null);
    }

    private static Buyer buyer(JsonNode o) {
        String name = first(o, "encrypt_post_receiver", "post_receiver", "mask_post_receiver");
        String phone = first(o, "encrypt_post_tel", "post_tel", "mask_post_tel");
        String buyerId = optionalText(o, "doudian_open_id", "");
        return name == null && phone == null && buyerId == null ? null : new Buyer(name, phone, buyerId);
    }

    private static Address address(JsonNode o) {
        JsonNode a = optionalObject(o, "post_addr", "");
        if (a == null) {
            return null;
        }
        String p = "post_addr.";
        String detail = optionalText(a, "encrypt_detail", p);
        return new Address("CN", regionName(a, "province", p), regionName(a, "city", p), regionName(a, "town", p),
                regionName(a, "street", p), detail != null ? detail : optionalText(a, "detail", p), null);
    }

    private static String first(JsonNode o, String... names) {
        for (String n : names) {
            String v = optionalText(o, n, "");
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static boolean hasElements(JsonNode o, String name) {
        JsonNode n = o.get(name);
        return n != null && !n.isNull() && array(o, name, "").size() > 0;
    }

    private static boolean hasTag(JsonNode o, String key) {
        JsonNode tags = o.get("shop_order_tag_ui");
        if (tags == null || tags.isNull()) {
            return false;
        }
        for (JsonNode t : array(o, "shop_order_tag_ui", "")) {
            if (t.isObject() && key.equals(optionalText(t, "key", "shop_order_tag_ui[]."))) {
                return true;
            }
        }
        return false;
    }

    private static NormalizedOrder check(NormalizedOrder order) {
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw new ChannelException(ChannelException.Kind.PERMANENT,
                    "douyin order " + order.platformOrderId() + " is not valid: " + String.join("; ", problems));
        }
        return order;
    }
}
