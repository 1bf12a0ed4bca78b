package org.ordertower.channel.taobao.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts.ChannelState;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.Refund;
import org.ordertower.api.Tags;
import org.ordertower.api.channel.ChannelException.Kind;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.taobao.internal.api.TaobaoClient;
import org.ordertower.channel.taobao.internal.api.dto.OrderDto;
import org.ordertower.channel.taobao.internal.api.dto.TradeDto;
import org.ordertower.connector.kit.Ids;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A TOP trade (the {@code trade} object of {@code taobao.trade.fullinfo.get}, apiId=54, or one trade of
 * {@code taobao.trades.sold.increment.get}, apiId=128) to a {@link NormalizedOrder}. Pure, thread-safe.
 *
 * <p>Mapped: tid (tid_str preferred), status, type, created, pay_time, modified, payment, total_fee, discount_fee,
 * post_fee, buyer_open_uid (else buyer_nick), receiver_name/mobile (else phone)/country/state/city/district/town/
 * address/zip verbatim (TOP sends them masked), buyer_message, seller_memo, step_trade_status, new_presell, lm,
 * delivery_time, oaid (as tag {@code oaid:<tid>:<oaid>}, the handle {@link TaobaoDecryptor} takes); per sub-order oid (oid_str preferred),
 * outer_sku_id / outer_iid / sku_id / num_iid, title, num, price, divide_order_fee (else payment), refund_status,
 * is_free_gift, modify_address, refund_id (with refund_status, as the order's refunds: Order.refund_id is the
 * sub-order's latest refund).
 *
 * <p>Deliberately ignored: end_time, consign_time (the state says it), step_paid_fee, receiver_phone when a mobile is
 * present, sub-order status, total_fee, discount_fee, adjust_fee (divide_order_fee already nets them),
 * invoice_no/logistics_company (our own ship calls), and every other trade field TOP offers (promotion details,
 * commissions, points, o2o, tax, government subsidy fields...).
 */
public final class TaobaoOrderMapper {
    /** Trade statuses, from the Trade.status doc ("交易状态"). */
    private static final Map<String, ChannelState> STATES = Map.ofEntries(
            Map.entry("TRADE_NO_CREATE_PAY", ChannelState.OPEN), Map.entry("WAIT_BUYER_PAY", ChannelState.OPEN),
            Map.entry("PAY_PENDING", ChannelState.OPEN), Map.entry("WAIT_PRE_AUTH_CONFIRM", ChannelState.OPEN),
            Map.entry("PAID_FORBID_CONSIGN", ChannelState.OPEN), Map.entry("WAIT_SELLER_SEND_GOODS", ChannelState.OPEN),
            Map.entry("SELLER_CONSIGNED_PART", ChannelState.OPEN),
            Map.entry("WAIT_BUYER_CONFIRM_GOODS", ChannelState.SHIPPED), Map.entry("TRADE_BUYER_SIGNED", ChannelState.SHIPPED),
            Map.entry("TRADE_FINISHED", ChannelState.COMPLETED), Map.entry("TRADE_CLOSED", ChannelState.CANCELLED),
            Map.entry("TRADE_CLOSED_BY_TAOBAO", ChannelState.CANCELLED));
    /** Not paid yet; TRADE_CLOSED_BY_TAOBAO is "closed before payment". */
    private static final Set<String> UNPAID = Set.of("TRADE_NO_CREATE_PAY", "WAIT_BUYER_PAY", "PAY_PENDING",
            "WAIT_PRE_AUTH_CONFIRM", "TRADE_CLOSED_BY_TAOBAO");
    /** Order.refund_status to the model's refund state (Refund.status doc: 退款状态). */
    private static final Map<String, Refund.State> REFUND_STATE = Map.of("WAIT_SELLER_AGREE", Refund.State.REQUESTED,
            "WAIT_BUYER_RETURN_GOODS", Refund.State.AWAITING_RETURN, "WAIT_SELLER_CONFIRM_GOODS",
            Refund.State.GOODS_RETURNED, "SELLER_REFUSE_BUYER", Refund.State.REFUSED, "CLOSED", Refund.State.CLOSED,
            "SUCCESS", Refund.State.REFUNDED);
    /** Order.refund_status values ("退款状态"). */
    private static final Set<String> REFUND_STATES = Set.of("NO_REFUND", "WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS",
            "WAIT_SELLER_CONFIRM_GOODS", "SELLER_REFUSE_BUYER", "CLOSED", "SUCCESS");
    private static final Set<String> REFUND_PENDING = Set.of("WAIT_SELLER_AGREE", "WAIT_BUYER_RETURN_GOODS",
            "WAIT_SELLER_CONFIRM_GOODS");

    public NormalizedOrder map(String shop, String payload) {
        TradeDto t = parse(payload);
        String tid = first(t.tidStr(), t.tid());
        required("tid", tid);
        if (!Ids.digits(tid, 20)) {
            throw bad("tid must be digits, was '" + tid + "'");
        }
        String status = t.status();
        required("status", status);
        ChannelState state = STATES.get(status);
        if (state == null) {
            throw bad("status '" + status + "' is not a Taobao trade status");
        }
        Instant created = time("created", t.created(), true);
        Instant modified = time("modified", t.modified(), true);
        Instant paid = time("pay_time", t.payTime(), false);
        List<OrderDto> orders = t.orders() == null ? null : t.orders().order();
        if (orders == null || orders.isEmpty()) {
            throw bad("orders.order must hold at least one sub-order");
        }
        List<OrderLine> lines = new ArrayList<>();
        List<Refund> refunds = new ArrayList<>();
        int refunded = 0;
        boolean refundPending = false;
        boolean addressChanged = "1".equals(t.lm());
        for (int i = 0; i < orders.size(); i++) {
            OrderDto o = orders.get(i);
            String at = "orders.order[" + i + "].";
            if (o == null) {
                throw bad(at + " is null");
            }
            lines.add(line(at, o));
            String refund = o.refundStatus() == null || o.refundStatus().isBlank() ? "NO_REFUND" : o.refundStatus();
            if (!REFUND_STATES.contains(refund)) {
                throw bad(at + "refund_status '" + refund + "' is not a Taobao refund status");
            }
            if (!"NO_REFUND".equals(refund) && notBlank(o.refundId())) {
                refunds.add(new Refund(o.refundId().strip(), List.of(lines.get(lines.size() - 1).lineNo()),
                        REFUND_STATE.get(refund), refund));
            }
            refunded += "SUCCESS".equals(refund) ? 1 : 0;
            refundPending |= REFUND_PENDING.contains(refund);
            addressChanged |= o.modifyAddress() != null && !o.modifyAddress().isBlank();
        }
        boolean presale = "step".equals(t.type()) || notBlank(t.stepTradeStatus()) || "true".equals(t.newPresell());
        List<String> tags = new ArrayList<>();
        if (presale) {
            tags.add("presale");
        }
        if (refundPending) {
            tags.add("refund-requested");
        }
        if (addressChanged) {
            tags.add("address-changed");
        }
        if (notBlank(t.oaid())) {
            tags.add(Tags.oaid(tid, t.oaid()));
        }
        PaymentStatus payment = payment(status, t.stepTradeStatus(), refunded, lines.size());
        Amounts amounts = new Amounts("CNY", money("total_fee", t.totalFee(), false), money("discount_fee", t.discountFee(), false),
                money("post_fee", t.postFee(), false), money("payment", t.payment(), true));
        Buyer buyer = new Buyer(t.receiverName(), notBlank(t.receiverMobile()) ? t.receiverMobile() : t.receiverPhone(),
                first(t.buyerOpenUid(), t.buyerNick()));
        Address address = new Address(country(t.receiverCountry()), t.receiverState(), t.receiverCity(), t.receiverDistrict(),
                t.receiverTown(), t.receiverAddress(), t.receiverZip());
        ChannelFacts facts = new ChannelFacts(state, time("delivery_time", t.deliveryTime(), false), null, null, refunds);
        NormalizedOrder order = new NormalizedOrder(TaobaoConstants.CHANNEL, shop, tid, modified.toEpochMilli(), status, payment,
                buyer, address, lines, amounts, created, paid, modified, blankToNull(t.buyerMessage()),
                blankToNull(t.sellerMemo()), tags, facts);
        List<String> problems = order.problems();
        if (!problems.isEmpty()) {
            throw bad(String.join("; ", problems));
        }
        return order;
    }

    private static OrderLine line(String at, OrderDto o) {
        String oid = first(o.oidStr(), o.oid());
        required(at + "oid", oid);
        String sku = first(o.outerSkuId(), notBlank(o.skuId()) ? null : o.outerIid(), o.skuId(), o.numIid());
        required(at + "outer_sku_id/outer_iid/sku_id/num_iid", sku);
        int num;
        try {
            num = Integer.parseInt(o.num() == null ? "" : o.num().strip());
        } catch (NumberFormatException e) {
            throw bad(at + "num must be a whole number, was '" + o.num() + "'");
        }
        BigDecimal price = money(at + "price", o.price(), true);
        // divide_order_fee is the sub-order's payment after the trade's discounts are shared out; payment of a
        // single-sub-order trade includes the post fee (fullinfo doc, note 2), so it is only the fallback
        BigDecimal paid = notBlank(o.divideOrderFee()) ? money(at + "divide_order_fee", o.divideOrderFee(), true)
                : money(at + "payment", o.payment(), true);
        return new OrderLine(oid, sku, null, blankToNull(o.title()), num, price, paid, "true".equals(o.isFreeGift()), null);
    }

    private static PaymentStatus payment(String status, String step, int refunded, int lines) {
        if ("TRADE_CLOSED".equals(status) || refunded == lines) {
            return PaymentStatus.REFUNDED; // TRADE_CLOSED: "付款以后用户退款成功，交易自动关闭"
        }
        if (refunded > 0) {
            return PaymentStatus.PARTIALLY_REFUNDED;
        }
        if ("FRONT_PAID_FINAL_NOPAID".equals(step)) {
            return PaymentStatus.PARTIALLY_PAID; // presale: deposit paid, balance not yet (the trade waits for payment)
        }
        return UNPAID.contains(status) ? PaymentStatus.UNPAID : PaymentStatus.PAID;
    }

    private static TradeDto parse(String payload) {
        if (payload == null || payload.isBlank()) {
            throw bad("the payload is empty");
        }
        try {
            JsonNode root = TaobaoClient.JSON.readTree(payload);
            if (root == null || !root.isObject()) {
                throw bad("the payload is not a JSON object");
            }
            JsonNode trade = root.has("trade_fullinfo_get_response") ? root.path("trade_fullinfo_get_response").path("trade")
                    : root.has("trade") ? root.get("trade") : root;
            if (!trade.isObject()) {
                throw bad("the trade is not a JSON object");
            }
            return TaobaoClient.JSON.treeToValue(trade, TradeDto.class);
        } catch (JsonMappingException e) {
            throw bad("field " + path(e) + " has the wrong type (" + e.getOriginalMessage() + ")");
        } catch (JsonProcessingException e) {
            throw bad("the payload is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(root)" : sb.toString();
    }

    static Instant time(String field, String value, boolean required) {
        if (!notBlank(value)) {
            if (required) {
                throw bad(field + " is required");
            }
            return null;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) { // delivery_time may be a date ("最晚发货时间，日期"): the end of that day
                return LocalDate.parse(v).plusDays(1).atStartOfDay(TaobaoConstants.TOP_ZONE).toInstant().minusSeconds(1);
            }
            return LocalDateTime.parse(v, TaobaoConstants.TOP_TIME).atZone(TaobaoConstants.TOP_ZONE).toInstant();
        } catch (DateTimeParseException e) {
            throw bad(field + " must be yyyy-MM-dd HH:mm:ss, was '" + v + "'");
        }
    }

    private static BigDecimal money(String field, String value, boolean required) {
        if (!notBlank(value)) {
            if (required) {
                throw bad(field + " is required");
            }
            return BigDecimal.ZERO.setScale(2);
        }
        try {
            BigDecimal d = new BigDecimal(value.strip());
            if (d.signum() < 0) {
                throw bad(field + " must not be negative, was " + value);
            }
            return d;
        } catch (NumberFormatException e) {
            throw bad(field + " must be a decimal amount in yuan, was '" + value + "'");
        }
    }

    static String country(String c) {
        return !notBlank(c) || "中国".equals(c) || "CN".equalsIgnoreCase(c) ? "CN" : c;
    }

    private static void required(String field, String value) {
        if (!notBlank(value)) {
            throw bad(field + " is required");
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (notBlank(v)) {
                return v.strip();
            }
        }
        return null;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    private static String blankToNull(String s) {
        return notBlank(s) ? s : null;
    }

    private static ChannelException bad(String why) {
        return new ChannelException(Kind.PERMANENT, "Taobao trade cannot be mapped: " + why);
    }
}
