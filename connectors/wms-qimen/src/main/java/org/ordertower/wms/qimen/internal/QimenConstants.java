package org.ordertower.wms.qimen.internal;

import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * Qimen WMS standard (奇门仓储标准 2.0) names, codes and limits, each with where it comes from (see the module
 * README for the pages). Shared by the connector and, as plain facts of the protocol, readable by the simulator's
 * tests; the simulator itself keeps its own copies so that a misreading in one shows up against the other.
 */
public final class QimenConstants {
    private QimenConstants() {
    }

    public static final String WMS_ID = "qimen";
    public static final String PID = "org.ordertower.wms.qimen";

    /** The Qimen router (奇门签名 page: http://qimen.api.taobao.com/router/qimen/service, https as well). */
    public static final String GATEWAY = "https://qimen.api.taobao.com/router/qimen/service";

    /** {@code timestamp} and every time in the XML payloads: {@code yyyy-MM-dd HH:mm:ss}, GMT+8. */
    public static final ZoneId CHINA = ZoneId.of("GMT+8");
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    /** How far a callback's {@code timestamp} may be from our clock (the router's own window, TOP's 10 minutes). */
    public static final Duration TIMESTAMP_WINDOW = Duration.ofMinutes(10);

    // system parameters (奇门签名 / 公共参数)
    public static final String P_METHOD = "method";
    public static final String P_TIMESTAMP = "timestamp";
    public static final String P_FORMAT = "format";
    public static final String P_APP_KEY = "app_key";
    public static final String P_VERSION = "v";
    public static final String P_SIGN = "sign";
    public static final String P_SIGN_METHOD = "sign_method";
    public static final String P_CUSTOMER_ID = "customerId";
    public static final String VERSION = "2.0";
    public static final String FORMAT = "xml";
    public static final String SIGN_MD5 = "md5";
    public static final String SIGN_HMAC = "hmac";

    // ERP -> WMS (奇门仓储API, developer.alibaba.com/docs/api.htm?apiId=...)
    public static final String DELIVERY_CREATE = "taobao.qimen.deliveryorder.create";
    public static final String ORDER_CANCEL = "taobao.qimen.order.cancel";
    public static final String RETURN_CREATE = "taobao.qimen.returnorder.create";
    public static final String ENTRY_CREATE = "taobao.qimen.entryorder.create";
    /** 库存查询接口(多商品), apiId=25999: criteriaList, itemCode required in each criteria, not paged. */
    public static final String INVENTORY_QUERY = "taobao.qimen.inventory.query";
    /** 库存查询接口(多条件), apiId=27271: page (from 1) and pageSize (at most 100) required, answers totalCount. */
    public static final String STOCK_QUERY = "taobao.qimen.stock.query";

    // WMS -> ERP
    public static final String DELIVERY_CONFIRM = "taobao.qimen.deliveryorder.confirm";
    public static final String RETURN_CONFIRM = "taobao.qimen.returnorder.confirm";
    public static final String ENTRY_CONFIRM = "taobao.qimen.entryorder.confirm";
    public static final String PROCESS_REPORT = "taobao.qimen.orderprocess.report";
    /** The callbacks this connector takes, by their full names. */
    public static final Set<String> CALLBACKS = Set.of(DELIVERY_CONFIRM, RETURN_CONFIRM, ENTRY_CONFIRM, PROCESS_REPORT);
    /** The prefix of the standard's method names on the router. */
    public static final String PREFIX = "taobao.qimen.";

    /**
     * The full name of a callback method received either way: WMSes and the router's forwards name the same API
     * with or without the {@value #PREFIX} prefix ({@code deliveryorder.confirm}, {@code returnorder.confirm},
     * {@code entryorder.confirm}, {@code orderprocess.report} in WMS integration docs and in ERP code receiving
     * them). A bare name of one of {@link #CALLBACKS} gets the prefix; anything else comes back unchanged.
     */
    public static String callbackName(String method) {
        if (method == null || method.startsWith(PREFIX)) {
            return method;
        }
        String full = PREFIX + method;
        return CALLBACKS.contains(full) ? full : method;
    }

    /** Most rows a stock.query page may hold (每页条数(最多100条)). */
    public static final int MAX_PAGE_SIZE = 100;
    /** SKUs per inventory.query call: the standard sets no limit; kept small so that answers stay small. */
    public static final int CRITERIA_PER_CALL = 50;

    // order types (出库单类型 / 入库单类型 / 单据类型)
    public static final String JYCK = "JYCK";
    public static final String THRK = "THRK";
    public static final String CGRK = "CGRK";
    public static final String DBRK = "DBRK";
    public static final String QTRK = "QTRK";
    /** Inventory types: 正品, 残次, 机损, 箱损, 在途. */
    public static final String ZP = "ZP";
    public static final String CC = "CC";
    public static final Set<String> DAMAGED_TYPES = Set.of(CC, "JS", "XS");
    public static final Set<String> INVENTORY_TYPES = Set.of(ZP, CC, "JS", "XS", "ZT");

    /** deliveryorder.confirm {@code status}: 部分发货完成 / 发货完成. */
    public static final String PARTDELIVERED = "PARTDELIVERED";
    public static final String DELIVERED = "DELIVERED";
    /** orderprocess.report {@code processStatus} values of the standard (Process: 单据状态). */
    public static final Set<String> PROCESS_STATUSES = Set.of("NEW", "ACCEPT", "PRINT", "PICK", "CHECK", "PACKAGE",
            "WEIGH", "READY", "DELIVERED", "EXCEPTION", "CLOSED", "CANCELED", "REJECT", "REFUSE", "CANCELEDFAIL", "SIGN",
            "TMSCANCELED", "PARTFULFILLED", "FULFILLED", "PARTDELIVERED", "OTHER");
    public static final String EXCEPTION = "EXCEPTION";

    // answer codes. The router's sign failure is documented by its SPI samples (sign-check-failure / Illegal
    // request); the rest are not published by the standard (each WMS picks its own): see README "Assumptions".
    public static final String CODE_SIGN = "sign-check-failure";
    public static final String CODE_APP_KEY = "invalid-appkey";
    public static final String CODE_CUSTOMER = "invalid-customerId";
    public static final String CODE_TIMESTAMP = "invalid-timestamp";
    public static final String CODE_RATE = "app-call-limited";
    public static final String CODE_BUSY = "system-busy";
    public static final String CODE_ORDER_EXISTS = "order-exists";
    public static final String CODE_NOT_FOUND = "order-not-exist";
    public static final String CODE_ALREADY_SHIPPED = "order-already-delivered";
    public static final Set<String> AUTH_CODES = Set.of(CODE_SIGN, CODE_APP_KEY, CODE_CUSTOMER, CODE_TIMESTAMP);
}
