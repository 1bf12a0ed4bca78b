package org.ordertower.carrier.kuaidi100.internal;

import java.util.HashMap;
import java.util.Map;

import org.ordertower.api.fulfilment.TrackingState;

/**
 * Kuaidi100's state codes and names to {@link TrackingState}. The main states and the advanced sub-states
 * (高级物流状态, returned with resultv2=4) come from 实时快递查询接口 "运单快递状态(state)说明" and the push doc's
 * lastResult.state; customs sub-states 10..13 from the query doc's state field. Pure.
 */
public final class Kuaidi100States {
    /** Code → (name, state). */
    private static final Map<String, TrackingState> BY_CODE = new HashMap<>();
    private static final Map<String, String> CODE_BY_NAME = new HashMap<>();

    static {
        // 揽收
        add("1", "揽收", TrackingState.COLLECTED);
        add("101", "已下单", TrackingState.CREATED);
        add("102", "待揽收", TrackingState.CREATED);
        add("103", "已揽收", TrackingState.COLLECTED);
        // 在途
        add("0", "在途", TrackingState.IN_TRANSIT);
        add("1001", "到达派件城市", TrackingState.IN_TRANSIT);
        add("1002", "干线", TrackingState.IN_TRANSIT);
        add("1003", "转递", TrackingState.IN_TRANSIT);
        // 派件
        add("5", "派件", TrackingState.OUT_FOR_DELIVERY);
        add("501", "投柜或驿站", TrackingState.OUT_FOR_DELIVERY);
        // 签收
        add("3", "签收", TrackingState.DELIVERED);
        add("301", "本人签收", TrackingState.DELIVERED);
        add("302", "派件异常后签收", TrackingState.DELIVERED);
        add("303", "代签", TrackingState.DELIVERED);
        add("304", "投柜或站签收", TrackingState.DELIVERED);
        // 退回, 退签
        add("6", "退回", TrackingState.RETURNING);
        add("4", "退签", TrackingState.RETURNED);
        // 已销单: the waybill was withdrawn, nothing went back; a person should look
        add("401", "已销单", TrackingState.EXCEPTION);
        add("14", "拒签", TrackingState.REFUSED);
        // 转投: handed to another carrier, still moving
        add("7", "转投", TrackingState.IN_TRANSIT);
        // 疑难
        add("2", "疑难", TrackingState.EXCEPTION);
        add("201", "超时未签收", TrackingState.EXCEPTION);
        add("202", "超时未更新", TrackingState.EXCEPTION);
        // 拒收: the receiver refused, waiting for the sender's confirmation
        add("203", "拒收", TrackingState.REFUSED);
        add("204", "派件异常", TrackingState.EXCEPTION);
        add("205", "柜或驿站超时未取", TrackingState.EXCEPTION);
        add("206", "无法联系", TrackingState.EXCEPTION);
        add("207", "超区", TrackingState.EXCEPTION);
        add("208", "滞留", TrackingState.EXCEPTION);
        add("209", "破损", TrackingState.EXCEPTION);
        add("210", "销单", TrackingState.EXCEPTION);
        // 清关
        add("8", "清关", TrackingState.IN_TRANSIT);
        add("10", "待清关", TrackingState.IN_TRANSIT);
        add("11", "清关中", TrackingState.IN_TRANSIT);
        add("12", "已清关", TrackingState.IN_TRANSIT);
        add("13", "清关异常", TrackingState.EXCEPTION);
    }

    private Kuaidi100States() {
    }

    private static void add(String code, String name, TrackingState state) {
        BY_CODE.put(code, state);
        CODE_BY_NAME.put(name, code);
    }

    /** The state for a code, or null when Kuaidi100 documents no such code. */
    public static TrackingState byCode(String code) {
        return code == null ? null : BY_CODE.get(code);
    }

    /** The code for a state name ({@code 在途}, {@code 干线}...), or null. */
    public static String codeOfName(String name) {
        return name == null ? null : CODE_BY_NAME.get(name);
    }

    /** The name for a code, or null. */
    public static String nameOf(String code) {
        for (Map.Entry<String, String> e : CODE_BY_NAME.entrySet()) {
            if (e.getValue().equals(code)) {
                return e.getKey();
            }
        }
        return null;
    }

    /** The main state of a code: {@code 1002} → {@code 0}, {@code 301} → {@code 3}, a main code → itself. */
    public static String mainCode(String code) {
        if (code.length() == 4 && code.startsWith("100")) {
            return "0";
        }
        if (code.length() == 3) {
            return code.substring(0, 1);
        }
        return code;
    }
}
