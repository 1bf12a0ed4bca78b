package org.ordertower.carrier.kuaidi100.internal;

import java.time.ZoneId;

/** Kuaidi100 names and numbers, each with the doc page it comes from (see the module README). */
public final class Kuaidi100Constants {
    private Kuaidi100Constants() {
    }

    public static final String CARRIER = "kuaidi100";
    public static final String PID = "org.ordertower.carrier.kuaidi100";

    /** The tracking host (实时快递查询接口 / 快递信息推送服务 docs). */
    public static final String POLL_URL = "https://poll.kuaidi100.com";
    /** 订阅接口: POST form schema, param. */
    public static final String SUBSCRIBE_PATH = "/poll";
    /** 实时快递查询接口: POST form customer, sign, param. */
    public static final String QUERY_PATH = "/poll/query.do";

    /** Times in answers and pushes ({@code yyyy-MM-dd HH:mm:ss}) are Beijing time. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /**
     * resultv2 asked for: 4 adds the advanced state (statusCode, 高级物流状态) and area to every trace entry
     * (订阅接口 parameters.resultv2 / 实时查询 param.resultv2: "4: 开通行政解析功能以及物流轨迹增加物流高级状态名称、状态值").
     */
    public static final String RESULTV2 = "4";

    // subscribe answers (订阅接口, 返回码)
    public static final String OK = "200";
    /** 重复订阅: already tracked (status polling), or the 4-a-month limit for one number. */
    public static final String SUB_DUPLICATE = "501";
    /** 服务器错误. */
    public static final String SUB_SERVER_ERROR = "500";
    /** 您不是合法的订阅者(即授权Key出错). */
    public static final String SUB_BAD_KEY = "600";
    /** POLL:KEY已过期. */
    public static final String SUB_KEY_EXPIRED = "601";
    /** 订阅方的订阅数据存在错误(不支持的快递公司、单号为空、单号超长等)或错误的回调地址. */
    public static final String SUB_BAD_DATA = "700";
    /** 拒绝订阅的快递公司. */
    public static final String SUB_REFUSED_COMPANY = "701";
    /** POLL:识别不到该单号对应的快递公司. */
    public static final String SUB_UNKNOWN_COMPANY = "702";

    // query answers (实时查询 返回码)
    /** 找不到对应公司 / 提交的数据不完整. */
    public static final String Q_BAD_PARAM = "400";
    /** 快递公司参数异常: 验证码错误 (the phone SF and ZTO require does not match). */
    public static final String Q_BAD_PHONE = "408";
    /** 查询无结果, 请隔段时间再查. */
    public static final String Q_NO_RESULT = "500";
    /** 服务器错误. */
    public static final String Q_SERVER_ERROR = "501";
    /** 服务器繁忙. */
    public static final String Q_BUSY = "502";
    /** 验证签名失败. */
    public static final String Q_BAD_SIGN = "503";
    /** key已过期. */
    public static final String Q_KEY_EXPIRED = "601";

    // push status (推送接口 param.status)
    public static final String PUSH_POLLING = "polling";
    public static final String PUSH_SHUTDOWN = "shutdown";
    public static final String PUSH_ABORT = "abort";
    public static final String PUSH_UPDATEALL = "updateall";
}
