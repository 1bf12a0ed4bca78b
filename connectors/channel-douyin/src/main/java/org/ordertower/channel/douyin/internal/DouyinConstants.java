package org.ordertower.channel.douyin.internal;

import java.time.Duration;
import java.time.ZoneId;

/** The Douyin shop open platform's fixed names and numbers, each with the page it comes from. */
public final class DouyinConstants {
    private DouyinConstants() {
    }

    public static final String CHANNEL = "douyin";
    /** The production gateway (official SDKs' OpenRequestUrl). */
    public static final String GATEWAY = "https://openapi-fxg.jinritemai.com";
    /** Protocol version sent as {@code v} and signed as {@code v2}. */
    public static final String VERSION = "2";
    public static final String SIGN_HMAC_SHA256 = "hmac-sha256";
    public static final String SIGN_MD5 = "md5";
    /** The platform's {@code yyyy-MM-dd HH:mm:ss} times are Beijing time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public static final String METHOD_SEARCH_LIST = "order.searchList";
    public static final String METHOD_ORDER_DETAIL = "order.orderDetail";
    public static final String METHOD_LOGISTICS_ADD = "order.logisticsAdd";
    public static final String METHOD_SYNC_STOCK = "sku.syncStock";
    public static final String METHOD_BATCH_DECRYPT = "order.batchDecrypt";
    public static final String METHOD_TOKEN_CREATE = "token.create";
    public static final String METHOD_TOKEN_REFRESH = "token.refresh";
    /** No parameters; {@code data} is an array of {@code {id, name, code}} (sdk_golang api/order_logisticsCompanyList). */
    public static final String METHOD_LOGISTICS_COMPANIES = "order.logisticsCompanyList";
    /** The shop's products, paged by {@code page} (from 1) and {@code size} (sdk_golang api/product_listV2). */
    public static final String METHOD_PRODUCT_LIST = "product.listV2";
    /** One product's SKUs by {@code product_id}; {@code data} is an array (sdk_golang api/sku_list). */
    public static final String METHOD_SKU_LIST = "sku.list";

    /** order.searchList: "单页大小，限制100以内", pages count from 0. */
    public static final int MAX_PAGE_SIZE = 100;
    /**
     * product.listV2: "页码，从1开始"; size "填写范围1~100"; "page* size最大不能超过1万条" (sdk_golang
     * api/product_listV2/request).
     */
    public static final int PRODUCT_FIRST_PAGE = 1;
    public static final int MAX_PRODUCT_PAGE_SIZE = 100;
    public static final int MAX_PRODUCT_WINDOW = 10_000;
    /** product.listV2 {@code status} 0: 在线 (on sale); 1 下线, 2 删除. */
    public static final int PRODUCT_STATUS_ONLINE = 0;

    /**
     * Message-push tags (消息推送, op.jinritemai.com/docs/message-docs/...), as the public event samples of the
     * open-platform SDKs carry them (SKIT.FlurlHttpClient.ByteDance TikTokShop EventSamples: 106 TradeCanceled,
     * 108 TradePartlySellerShip, 111 TradeAddressChangeApplied, 113 TradeMemoModify, 200 RefundCreated,
     * 204 RefundRefused, 206 RefundSuccess, 207 RefundClosed; bububa/jinritemai-go for 100-105). 400 is
     * doudian_product_change (message-docs/60/686; the number from a public integration note, not the platform's
     * own page).
     */
    public static final String TAG_CHECK = "0";
    public static final String TAG_TRADE_CREATE = "100";
    public static final String TAG_TRADE_PAID = "101";
    public static final String TAG_TRADE_SELLER_SHIP = "102";
    public static final String TAG_TRADE_SUCCESS = "103";
    public static final String TAG_TRADE_ADDRESS_CHANGED = "105";
    public static final String TAG_TRADE_CANCELED = "106";
    public static final String TAG_TRADE_PARTLY_SELLER_SHIP = "108";
    public static final String TAG_TRADE_MEMO_MODIFY = "113";
    public static final String TAG_REFUND_CREATED = "200";
    public static final String TAG_REFUND_REFUSED = "204";
    public static final String TAG_REFUND_SUCCESS = "206";
    public static final String TAG_REFUND_CLOSED = "207";
    public static final String TAG_PRODUCT_CHANGE = "400";

    /** order.batchDecrypt takes at most 50 cipher_infos a call (数据安全加密对接文档). */
    public static final int MAX_DECRYPT_BATCH = 50;
    /**
     * batchDecrypt's per-item error number for a spent decrypt quota. Not published: the simulator's own (see README);
     * an {@code err_msg} naming 额度 (quota) counts as well.
     */
    public static final long DECRYPT_ERR_QUOTA = 300008;

    /** Gateway codes, op.jinritemai.com/docs/guide-docs/212/1427 (平台基础错误码汇总). */
    public static final long CODE_SUCCESS = 10000;
    public static final long CODE_SERVICE_UNAVAILABLE = 20000;
    public static final long CODE_SERVICE_TIMEOUT = 20001;
    public static final long CODE_NO_PERMISSION = 30001;
    public static final long CODE_MISSING_PARAM = 40001;
    public static final long CODE_INVALID_PARAM = 40003;
    public static final long CODE_INVALID_BUSINESS_PARAM = 40004;
    public static final long CODE_SERVER_ERROR = 50000;
    public static final long CODE_TOKEN_FAILED = 50001;
    public static final long CODE_BUSINESS_FAILED = 50002;
    public static final long CODE_TRAFFIC_LIMITED = 60000;
    public static final long CODE_API_OFFLINE = 70000;

    public static final String SUB_SIGNATURE_INVALID = "isv.signature-invalid";
    public static final String SUB_SIGNATURE_MISSING = "isv.signature-missing";
    public static final String SUB_TOKEN_EXPIRED = "isv.access-token-expired";
    public static final String SUB_TOKEN_NOT_EXIST = "isv.access-token-no-existed";
    public static final String SUB_TOKEN_MISSING = "isv.access-token-missing";
    public static final String SUB_TOKEN_MISMATCH = "isv.access-token-invalid";
    public static final String SUB_APP_ID_INVALID = "isv.app-id-invalid";
    public static final String SUB_APP_ID_MISSING = "isv.app-id-missing";
    public static final String SUB_TIMESTAMP_INVALID = "isv.timestamp-invalid";
    public static final String SUB_PARAM_MISSING = "isv.parameter-missing";
    public static final String SUB_PARAM_INVALID = "isv.parameter-invalid";
    public static final String SUB_TRAFFIC_LIMITED = "isv.traffic-limited";
    public static final String SUB_API_OFFLINE = "isp.api-service-off";
    public static final String SUB_BUSINESS_FAILED = "isv.business-failed";
    public static final String SUB_REFRESH_EXPIRED = "dop.token-generate-failed:token-expired";
    public static final String SUB_REFRESH_INVALID = "dop.token-generate-failed:token-invalid";
    /**
     * What order.logisticsAdd says for an order that already carries tracking. Not published; the
     * simulator and the client agree on this text (see README, "not confirmed").
     */
    public static final String ALREADY_SHIPPED_TEXT = "已发货";

    /** Refresh the access token this long before it expires. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);
}
