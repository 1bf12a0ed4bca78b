package org.ordertower.channel.example.internal;

import java.util.Set;

/**
 * Example Mall names, limits and error codes: the one place a copy of this template puts what its platform's
 * documentation says (and the module README names the page each value comes from).
 */
public final class ExampleConstants {
    public static final String CHANNEL = "example";
    public static final String PID = "org.ordertower.channel.example";

    /** The gateway every call is POSTed to (a placeholder: .invalid never resolves). */
    public static final String GATEWAY = "https://open.example-mall.invalid/router";
    /** The protocol version every call sends as {@code v}. */
    public static final String VERSION = "1";

    public static final String ORDER_SEARCH = "order.search";
    public static final String ORDER_GET = "order.get";
    public static final String ORDER_SHIP = "order.ship";
    public static final String STOCK_UPDATE = "stock.update";
    public static final String TOKEN_REFRESH = "token.refresh";

    /** page_size limit of order.search. */
    public static final int MAX_PAGE_SIZE = 100;

    /** Answer codes ({@code code} of every answer; 0 is success). */
    public static final int OK = 0;
    public static final int ERR_MISSING_PARAM = 40001;
    public static final int ERR_BAD_PARAM = 40002;
    public static final int ERR_METHOD = 40003;
    public static final int ERR_CURSOR = 40004;
    public static final int ERR_SIGN = 40101;
    public static final int ERR_APP_KEY = 40102;
    public static final int ERR_TOKEN = 40103;
    public static final int ERR_TOKEN_EXPIRED = 40104;
    public static final int ERR_TIMESTAMP = 40105;
    public static final int ERR_REFRESH_TOKEN = 40106;
    public static final int ERR_NOT_FOUND = 40401;
    public static final int ERR_ALREADY_SHIPPED = 40901;
    public static final int ERR_NOT_SHIPPABLE = 40902;
    public static final int ERR_RATE = 42901;
    public static final int ERR_BUSY = 50001;

    /** Order states ({@code status}). */
    public static final String WAIT_PAY = "WAIT_PAY";
    public static final String WAIT_SHIP = "WAIT_SHIP";
    public static final String PART_SHIPPED = "PART_SHIPPED";
    public static final String SHIPPED = "SHIPPED";
    public static final String FINISHED = "FINISHED";
    public static final String CLOSED = "CLOSED";
    public static final Set<String> STATES = Set.of(WAIT_PAY, WAIT_SHIP, PART_SHIPPED, SHIPPED, FINISHED, CLOSED);

    private ExampleConstants() {
    }
}
