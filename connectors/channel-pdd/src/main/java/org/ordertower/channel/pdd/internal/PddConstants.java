package org.ordertower.channel.pdd.internal;

import java.time.ZoneId;

/** Pinduoduo open platform names and numbers, each with the doc page it comes from (see the module README). */
public final class PddConstants {
    private PddConstants() {
    }

    public static final String CHANNEL = "pdd";
    public static final String PID = "org.ordertower.channel.pdd";

    /** The one router gateway; plain http is no longer accepted (API调用指南, idStr=8EC06C399636041E). */
    public static final String GATEWAY = "https://gw-api.pinduoduo.com/api/router";

    /**
     * The message service (消息服务), a WebSocket; the signed part {@code /<client_id>/<timestamp ms>/<sign>} follows
     * (bububa/openpdd core/const.go WSSEndPoint, Cherrs/pdd-rs src/pmc.rs).
     */
    public static final String MESSAGE_URL = "wss://message-api.pinduoduo.com/message";

    /** {@code yyyy-MM-dd HH:mm:ss} times in payloads are Beijing time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    // API names (API文档)
    public static final String TIME_GET = "pdd.time.get";
    public static final String TOKEN_REFRESH = "pdd.pop.auth.token.refresh";
    public static final String ORDER_INCREMENT = "pdd.order.number.list.increment.get";
    public static final String ORDER_DETAIL = "pdd.order.information.get";
    public static final String SHIP = "pdd.logistics.online.send";
    public static final String STOCK = "pdd.goods.quantity.update";
    /** 快递公司查看接口: the logistics companies and their ids ({@code logistics_id} of the ship call). */
    public static final String LOGISTICS_COMPANIES = "pdd.logistics.companies.get";
    /** 商品列表接口: the shop's goods and their SKUs, paged by page/page_size. */
    public static final String GOODS_LIST = "pdd.goods.list.get";

    /** is_lucky_flag of the increment call: 0 all orders, 1 not lottery orders, 2 lottery orders (抽奖订单). */
    public static final String ALL_ORDERS = "0";

    /** Most orders (goods) one increment (goods list) page may hold (page_size: 返回数量，默认 100。最大 100). */
    public static final int MAX_PAGE_SIZE = 100;
    /** Longest increment window (开始时间结束时间间距不超过 30 分钟). */
    public static final long MAX_WINDOW_SECONDS = 30 * 60;
    /** How far a request timestamp may be from the platform's clock (与拼多多服务器时间相差须在 10 分钟内). */
    public static final long TIMESTAMP_TOLERANCE_SECONDS = 10 * 60;

    // error codes (each API page's common error table; observed bodies quoted in the README)
    /** 参数错误:&lt;name&gt; (missing or bad parameter). */
    public static final int ERR_PARAM = 10000;
    /** access_token已过期 (expired or unknown token). */
    public static final int ERR_TOKEN = 10019;
    /** 签名验证失败. */
    public static final int ERR_SIGN = 20004;
    /** IP 无权访问 (IP not on the app's white list). */
    public static final int ERR_IP = 20005;
    /** 应用不含此接口的权限包. */
    public static final int ERR_NO_PERMISSION = 20031;
    /** 接口被限流. */
    public static final int ERR_RATE_LIMITED = 52101;
    /** 调用过于频繁. */
    public static final int ERR_TOO_FREQUENT = 70031;
}
