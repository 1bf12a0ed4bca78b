package org.ordertower.sim.douyin;

/** A refusal in the gateway's own codes (平台基础错误码汇总, op.jinritemai.com/docs/guide-docs/212/1427). */
final class DouyinSimError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final long code;
    final String msg;
    final String subCode;
    final String subMsg;

    DouyinSimError(long code, String msg, String subCode, String subMsg) {
        super(code + " " + subCode + " " + subMsg, null, false, false);
        this.code = code;
        this.msg = msg;
        this.subCode = subCode;
        this.subMsg = subMsg;
    }

    static DouyinSimError missing(String subCode, String subMsg) {
        return new DouyinSimError(40001, "缺少必选参数", subCode, subMsg);
    }

    static DouyinSimError invalid(String subCode, String subMsg) {
        return new DouyinSimError(40003, "非法的参数", subCode, subMsg);
    }

    static DouyinSimError business(String subMsg) {
        return new DouyinSimError(50002, "业务处理失败", "isv.business-failed", subMsg);
    }

    static DouyinSimError badBusinessParam(String subMsg) {
        return new DouyinSimError(40004, "非法的参数", "isv.parameter-invalid", subMsg);
    }
}
