package org.ordertower.sim.kit;

import java.util.Map;

/** A simulator's answer. */
public record SimResponse(int status, String contentType, String body, Map<String, String> headers) {

    public SimResponse(int status, String contentType, String body) {
        this(status, contentType, body, Map.of());
    }

    /** 200 with a JSON body. */
    public static SimResponse json(String body) {
        return new SimResponse(200, "application/json;charset=UTF-8", body);
    }

    /** A status with a JSON body. */
    public static SimResponse json(int status, String body) {
        return new SimResponse(status, "application/json;charset=UTF-8", body);
    }
}
