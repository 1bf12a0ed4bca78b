package org.ordertower.channel.jd.internal;

import java.time.ZoneId;
import java.util.Set;

/**
 * JD JOS (京东宙斯) names and limits. Sources per value are in the module README; the ones marked "assumed" could
 * not be confirmed in a primary JD page.
 */
public final class JdConstants {
    public static final String CHANNEL = "jd";
    public static final String PID = "org.ordertower.channel.jd";

    /** The routerjson gateway (开发规范 / 调用说明: 正式环境 https://api.jd.com/routerjson). */
    public static final String GATEWAY = "https://api.jd.com/routerjson";
    /** JD OAuth host; refresh is {@code /oauth2/refresh_token} (授权说明, jos.jd.com/commondoc?listId=32). */
    public static final String OAUTH = "https://open-oauth.jd.com";
    public static final String REFRESH_PATH = "/oauth2/refresh_token";

    /** JOS times ({@code timestamp}, start_date, modified...) are {@code yyyy-MM-dd HH:mm:ss} Beijing time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The protocol version every call sends. */
    public static final String VERSION = "2.0";
    /** The single parameter that carries all business parameters as one JSON text. */
    public static final String PARAM_JSON = "360buy_param_json";

    public static final String ORDER_SEARCH = "jingdong.pop.order.search";
    public static final String ORDER_GET = "jingdong.pop.order.get";
    public static final String SHIPMENT = "jingdong.pop.order.shipment";
    public static final String STOCK = "jingdong.stock.write.updateSkuStock";
    /**
     * 商家获取物流公司: the companies the merchant set up, the only source of shipment's logiCoprId (JD SDK
     * DeliveryLogisticsGetRequest; answered as {@code delivery_logistics_get_response}, the 360buy-era key).
     */
    public static final String LOGISTICS = "360buy.delivery.logistics.get";
    /** SKU搜索服务 (JD SDK SkuReadSearchSkuListRequest, open.jd.com apiId=1227): the shop's SKUs with their wares. */
    public static final String SKU_SEARCH = "jingdong.sku.read.searchSkuList";

    /** page_size limit of jingdong.pop.order.search (每页的条数, 最大 page_size 50 条). */
    public static final int MAX_PAGE_SIZE = 50;

    /** page_size limit of jingdong.sku.read.searchSkuList (每页条数，最大50). */
    public static final int MAX_SKU_PAGE_SIZE = 50;
    /** The SKU fields the listing download asks for ({@code field}). */
    public static final String SKU_FIELDS = "wareId,skuId,outerId,skuName,wareTitle,stockNum,status";
    /** skuStatuValue of a SKU on sale (1 上架; 2 下架, 4 删除). */
    public static final int SKU_ON_SALE = 1;

    /** Gateway error codes (网关系统错误码). */
    public static final String ERR_CALL_LIMITED = "2";
    public static final String ERR_MISSING_VERSION = "4";
    public static final String ERR_BAD_VERSION = "5";
    public static final String ERR_MISSING_TIMESTAMP = "7";
    public static final String ERR_BAD_TIMESTAMP = "8";
    public static final String ERR_MISSING_SIGN = "11";
    public static final String ERR_SIGN = "12";
    public static final String ERR_MISSING_METHOD = "14";
    public static final String ERR_METHOD = "15";
    /** 无效access_token / Invalid access_token: also what an expired token gets. */
    public static final String ERR_TOKEN = "19";
    /** Assumed: 无效的app_key (JD's table row for the app key was not found). */
    public static final String ERR_APP_KEY = "21";

    /** Order states of jingdong.pop.order.search (order_state). */
    public static final String WAIT_SELLER_STOCK_OUT = "WAIT_SELLER_STOCK_OUT";
    public static final String WAIT_GOODS_RECEIVE_CONFIRM = "WAIT_GOODS_RECEIVE_CONFIRM";
    public static final String WAIT_SELLER_DELIVERY = "WAIT_SELLER_DELIVERY";
    public static final String PAUSE = "PAUSE";
    public static final String FINISHED_L = "FINISHED_L";
    public static final String TRADE_CANCELED = "TRADE_CANCELED";
    public static final String LOCKED = "LOCKED";
    public static final String POP_ORDER_PAUSE = "POP_ORDER_PAUSE";
    public static final Set<String> STATES = Set.of(WAIT_SELLER_STOCK_OUT, WAIT_GOODS_RECEIVE_CONFIRM,
            WAIT_SELLER_DELIVERY, PAUSE, FINISHED_L, TRADE_CANCELED, LOCKED, POP_ORDER_PAUSE);
    /** Every state, as the pull asks for them (a comma list). */
    public static final String ALL_STATES = String.join(",", WAIT_SELLER_STOCK_OUT, WAIT_GOODS_RECEIVE_CONFIRM,
            WAIT_SELLER_DELIVERY, PAUSE, FINISHED_L, TRADE_CANCELED, LOCKED, POP_ORDER_PAUSE);

    /** optional_fields (required by the search: 不填或者为空则请求被拒绝): what the mapper reads. */
    public static final String ORDER_FIELDS = "orderId,venderId,orderType,payType,orderTotalPrice,orderSellerPrice,"
            + "orderPayment,freightPrice,sellerDiscount,balanceUsed,orderState,orderStateRemark,orderRemark,"
            + "venderRemark,orderStartTime,orderEndTime,paymentConfirmTime,modified,dataVersion,pin,open_id_buyer,"
            + "consigneeInfo,itemInfoList,couponDetailList,orderMarkDesc,waybill,logisticsId,returnOrder,"
            + "parentOrderId,orderSource";

    private JdConstants() {
    }
}
