package org.ordertower.carrier.cainiao.internal;

import java.util.Locale;
import java.util.Map;

/** Cainiao e-waybill constants: ids, TOP method names, the order channel codes. */
public final class CainiaoConstants {
    public static final String CARRIER = "cainiao";
    public static final String PID = "org.ordertower.carrier.cainiao";
    /** TOP's production gateway (docId=101617); Cainiao's e-waybill for Taobao sellers is served there. */
    public static final String GATEWAY = "https://eco.taobao.com/router/rest";

    /** 电子面单云打印接口: apply for waybill numbers (≤ 10 trade_order_info_dtos per call). */
    public static final String APPLY = "cainiao.waybill.ii.get";
    /** 商家取消获取的电子面单号. */
    public static final String CANCEL = "cainiao.waybill.ii.cancel";
    /** 查询面单服务订购及面单使用情况: the account's subscriptions, branches and balances. */
    public static final String SEARCH = "cainiao.waybill.ii.search";
    /** 用户根据交易号查询物流流转信息 (fliggy/alidayu mirror of TOP's doc, apiId=65623). */
    public static final String TRACE = "taobao.logistics.trace.get";

    /**
     * The sub_code the simulator answers to cancelling a cancelled waybill. Cainiao's doc does not list its cancel
     * errors; this one is assumed (README) and the connector treats it as a success.
     */
    public static final String ALREADY_CANCELLED = "isv.waybill-already-cancelled";

    /** The doc of cainiao.waybill.ii.get: at most 10 trade_order_info_dtos in one call. */
    public static final int MAX_PARCELS_PER_APPLY = 10;

    /**
     * OrderTower channel ids to Cainiao's {@code order_channels_type}; anything else is {@code OTHERS}. Only TB and
     * TM orders may send the buyer's {@code oaid} instead of the plaintext receiver.
     */
    private static final Map<String, String> ORDER_CHANNELS = Map.of("taobao", "TB", "tmall", "TM", "jd", "JD", "pdd", "PDD",
            "douyin", "DY", "kuaishou", "KS");

    private CainiaoConstants() {
    }

    /** Cainiao's order channel code for an OrderTower channel id (null or unknown: OTHERS). */
    public static String orderChannel(String channel) {
        return channel == null ? "OTHERS" : ORDER_CHANNELS.getOrDefault(channel.toLowerCase(Locale.ROOT), "OTHERS");
    }
}
