package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A push as it reached core's webhook route.
 *
 * @param headers the HTTP headers, names lower case (one value each: the first)
 * @param query the query parameters (one value each: the first)
 * @param body the raw body, exactly as received (signatures are computed over it)
 * @param receivedAt when core received it
 */
public record PushRequest(Map<String, String> headers, Map<String, String> query, String body, Instant receivedAt) {
    public PushRequest {
        TreeMap<String, String> h = new TreeMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> h.put(k.toLowerCase(Locale.ROOT), v));
        }
        headers = java.util.Collections.unmodifiableMap(h);
        query = query == null ? Map.of() : Map.copyOf(query);
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    /** A header by name, ignoring case, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
