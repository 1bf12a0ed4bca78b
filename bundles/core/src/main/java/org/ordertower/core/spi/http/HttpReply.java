package org.ordertower.core.spi.http;

import java.util.Map;

/**
 * A status, a body with its content type, and extra headers. The body is JSON unless the reply
 * names another content type (a CSV export, say).
 */
public record HttpReply(int status, String body, Map<String, String> headers, String contentType) {
    public static final String JSON = "application/json; charset=utf-8";

    public HttpReply(int status, String body, Map<String, String> headers) {
        this(status, body, headers, JSON);
    }

    public HttpReply(int status, String body) {
        this(status, body, Map.of());
    }
}
