package org.ordertower.core.spi.http;

import java.util.Map;

import org.ordertower.api.Caller;

/**
 * A REST interface free of any HTTP server: the Camel route hands it what was asked and sends back
 * what it returns, so the interface is tested by calling it.
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * @param caller who asks, admitted by the {@link HttpGuard}: the actor of the changes they make
     * @param method the HTTP method
     * @param path the request path as sent (not decoded)
     * @param query the decoded query parameters
     * @param contentType the request's Content-Type, or null
     * @param body the request body as UTF-8, empty when none was sent; null when it was over the
     *     route's limit (the route stops reading there)
     */
    HttpReply handle(Caller caller, String method, String path, Map<String, String> query, String contentType, String body);
}
