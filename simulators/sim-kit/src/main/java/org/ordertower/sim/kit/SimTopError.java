package org.ordertower.sim.kit;

/**
 * A TOP platform or business error, answered as TOP does: HTTP 200 with
 * {@code {"error_response":{"code","msg","sub_code","sub_msg","request_id"}}} (docId=101617, 公共响应参数).
 * Simulators of TOP-signed services (Taobao, Cainiao's e-waybill) throw it from their checks.
 */
public class SimTopError extends Exception {
    private static final long serialVersionUID = 1L;

    public final int code;
    public final String msg;
    public final String subCode;
    public final String subMsg;

    /** {@code subCode} and {@code subMsg} may be null. */
    public SimTopError(int code, String msg, String subCode, String subMsg) {
        super(code + " " + msg, null, false, false);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    /** Code 40, a required parameter is missing. */
    public static SimTopError missing(String param) {
        return new SimTopError(40, "Missing required arguments:" + param, "isv.missing-parameter:" + param, "缺少必选参数 " + param);
    }

    /** Code 41, a parameter is malformed or out of range. */
    public static SimTopError invalid(String param, String why) {
        return new SimTopError(41, "Invalid arguments:" + param, "isv.invalid-parameter:" + param, why);
    }

    /** The {@code error_response} body. */
    public String json(String requestId) {
        StringBuilder sb = new StringBuilder("{\"error_response\":{\"code\":").append(code).append(",\"msg\":");
        quote(sb, msg);
        if (subCode != null) {
            quote(sb.append(",\"sub_code\":"), subCode);
        }
        if (subMsg != null) {
            quote(sb.append(",\"sub_msg\":"), subMsg);
        }
        quote(sb.append(",\"request_id\":"), requestId);
        return sb.append("}}").toString();
    }

    /** The answer: HTTP 200 and the {@code error_response} body, as TOP's gateway answers errors. */
    public SimResponse response(String requestId) {
        return SimResponse.json(json(requestId));
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
