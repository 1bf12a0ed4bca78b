package org.ordertower.core.internal.http;

import java.util.Map;

/** A status, a JSON body and extra headers. */
public record HttpReply(int status, String body, Map<String, String> headers) {
    public HttpReply(int status, String body) {
        this(status, body, Map.of());
    }
}
