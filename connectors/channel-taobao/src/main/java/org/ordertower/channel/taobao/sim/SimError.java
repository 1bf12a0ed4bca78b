package org.ordertower.channel.taobao.sim;

import org.ordertower.connector.kit.sim.SimResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A TOP platform or business error, answered as TOP does: HTTP 200 with
 * {@code {"error_response":{"code","msg","sub_code","sub_msg","request_id"}}} (docId=101617, 公共响应参数).
 */
final class SimError extends Exception {
    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = new ObjectMapper();

    final int code;
    final String msg;
    final String subCode;
    final String subMsg;

    SimError(int code, String msg, String subCode, String subMsg) {
        super(code + " " + msg, null, false, false);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    static SimError missing(String param) {
        return new SimError(40, "Missing required arguments:" + param, "isv.missing-parameter:" + param, "缺少必选参数 " + param);
    }

    static SimError invalid(String param, String why) {
        return new SimError(41, "Invalid arguments:" + param, "isv.invalid-parameter:" + param, why);
    }

    SimResponse response(String requestId) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode e = root.putObject("error_response");
        e.put("code", code).put("msg", msg);
        if (subCode != null) {
            e.put("sub_code", subCode);
        }
        if (subMsg != null) {
            e.put("sub_msg", subMsg);
        }
        e.put("request_id", requestId);
        return SimResponse.json(root.toString());
    }
}
