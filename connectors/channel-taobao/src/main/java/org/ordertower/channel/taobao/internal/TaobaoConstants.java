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
    /** The most a full update of {@link #QUANTITY_UPDATE} takes. */
    public static final int MAX_QUANTITY = 1_000_000;
    public static final String TMC_CONSUME = "taobao.tmc.messages.consume";
    public static final String TMC_CONFIRM = "taobao.tmc.messages.confirm";
    public static final String OAID_DECRYPT = "taobao.top.oaid.decrypt";
    /** 获取单笔退款详情: the refund's status, fee, phase and version (taobao.refund.get). */
    public static final String REFUND_GET = "taobao.refund.get";
    /** 同意退款: refund_infos {@code refund_id|amount(fen)|version|phase}, at most 20 (taobao.rp.refunds.agree). */
    public static final String REFUNDS_AGREE = "taobao.rp.refunds.agree";
    /** 卖家拒绝退款: refund_id, refuse_message (2-200 characters), refund_phase, refund_version (taobao.refund.refuse). */
    public static final String REFUND_REFUSE = "taobao.refund.refuse";
    /** 查询物流公司信息: fields id,code,name,reg_mail_no; the companies a seller may name in offline.send (自己联系). */
    public static final String LOGISTICS_COMPANIES = "taobao.logistics.companies.get";
    /** 获取当前会话用户出售中的商品列表: page_no/page_size (<= 200), a few item fields, no SKUs. */
    public static final String ITEMS_ONSALE = "taobao.items.onsale.get";
    /** 批量获取商品详细信息: num_iids (<= 20) with fields including {@code sku} (answered as {@code skus.sku}). */
    public static final String ITEMS_SELLER_LIST = "taobao.items.seller.list.get";

    /** increment.get: page_size at most 100 (apiId=128). */
    public static final int MAX_PAGE_SIZE = 100;
    /** items.onsale.get: page_size 1..200 (default 40). */
    public static final int LISTING_MAX_PAGE_SIZE = 200;
    /** items.onsale.get refuses a page whose page_no * page_size exceeds 20,000 ("为了保护后台搜索引擎，接口将报错"). */
    public static final int ONSALE_MAX_ROWS = 20_000;
    /** items.seller.list.get: at most 20 num_iids per call. */
    public static final int SELLER_LIST_MAX_IIDS = 20;
    /** TMC item messages (taobao_item_ItemAdd, ItemUpdate, ItemDelete, ItemStockChanged...) carry num_iid. */
    public static final String ITEM_TOPIC_PREFIX = "taobao_item_";
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
