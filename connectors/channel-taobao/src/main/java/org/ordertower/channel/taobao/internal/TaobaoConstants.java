package org.ordertower.channel.taobao.internal;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** TOP's names and limits, each with the doc page it comes from (see the module README for the URLs). */
public final class TaobaoConstants {
    private TaobaoConstants() {
    }

    public static final String CHANNEL = "taobao";
    /** Production gateway (https), "API调用方法详解" (docId=101617). */
    public static final String GATEWAY = "https://eco.taobao.com/router/rest";
    /** OAuth token endpoint, "用户授权介绍" (Server-side flow). */
    public static final String OAUTH_URL = "https://oauth.taobao.com/token";
    /** Every TOP time is {@code yyyy-MM-dd HH:mm:ss} in GMT+8 (docId=101617). */
    public static final ZoneId TOP_ZONE = ZoneId.of("GMT+8");
    public static final DateTimeFormatter TOP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(TOP_ZONE);

    public static final String TRADES_INCREMENT = "taobao.trades.sold.increment.get";
    public static final String TRADE_FULLINFO = "taobao.trade.fullinfo.get";
    public static final String OFFLINE_SEND = "taobao.logistics.offline.send";
    public static final String QUANTITY_UPDATE = "taobao.item.quantity.update";
    public static final String TMC_CONSUME = "taobao.tmc.messages.consume";
    public static final String TMC_CONFIRM = "taobao.tmc.messages.confirm";
    public static final String OAID_DECRYPT = "taobao.top.oaid.decrypt";
    /** 获取单笔退款详情: the refund's status, fee, phase and version (taobao.refund.get). */
    public static final String REFUND_GET = "taobao.refund.get";
    /** 同意退款: refund_infos {@code refund_id|amount(fen)|version|phase}, at most 20 (taobao.rp.refunds.agree). */
    public static final String REFUNDS_AGREE = "taobao.rp.refunds.agree";
    /** 卖家拒绝退款: refund_id, refuse_message (2-200 characters), refund_phase, refund_version (taobao.refund.refuse). */
    public static final String REFUND_REFUSE = "taobao.refund.refuse";

    /** increment.get: page_size at most 100 (apiId=128). */
    public static final int MAX_PAGE_SIZE = 100;
    /** tmc.messages.consume: quantity 10..200 (apiId=21986). */
    public static final int TMC_MIN_QUANTITY = 10;
    public static final int TMC_MAX_QUANTITY = 200;

    /**
     * The trade fields the connector asks for, on the pull and on fullinfo (both take a {@code fields} list;
     * apiId=128 and apiId=54). The receiver fields and created are what TOP needs to return an oaid.
     */
    public static final String TRADE_FIELDS = String.join(",", List.of("tid", "tid_str", "type", "status", "created",
            "pay_time", "modified", "end_time", "consign_time", "payment", "total_fee", "discount_fee", "post_fee",
            "buyer_nick", "buyer_open_uid", "buyer_message", "seller_memo", "receiver_name", "receiver_mobile",
            "receiver_phone", "receiver_country", "receiver_state", "receiver_city", "receiver_district", "receiver_town",
            "receiver_address", "receiver_zip", "oaid", "step_trade_status", "step_paid_fee", "new_presell", "lm",
            "delivery_time", "orders"));
}
