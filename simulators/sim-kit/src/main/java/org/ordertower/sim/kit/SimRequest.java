package org.ordertower.sim.kit;

import java.time.Instant;
import java.util.Map;

/**
 * One call a simulator received.
 *
 * @param method HTTP method
 * @param path the path, decoded
 * @param query query parameters (first value of each)
 * @param headers headers, names lower case (first value of each)
 * @param body the raw body as UTF-8 text
 * @param form the body's fields when it was {@code application/x-www-form-urlencoded}, else empty
 * @param at when it arrived
 */
public record SimRequest(String method, String path, Map<String, String> query, Map<String, String> headers, String body,
        Map<String, String> form, Instant at) {

    /** A parameter from the query, else from the form body, else null. */
    public String param(String name) {
        String v = query.get(name);
        return v != null ? v : form.get(name);
    }

    /** Query and form parameters together (the form wins on a clash), the way gateways read them. */
    public Map<String, String> params() {
        Map<String, String> all = new java.util.TreeMap<>(query);
        all.putAll(form);
        return all;
    }
}
