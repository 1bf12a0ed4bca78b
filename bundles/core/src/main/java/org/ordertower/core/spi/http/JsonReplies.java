package org.ordertower.core.spi.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answers the REST interfaces share, so they look alike: JSON bodies, errors as
 * {@code {"error": "..."}} (with {@code "problems"} when there are several), the checks of a
 * request body, 503 with Retry-After, and 500 without internals.
 */
public final class JsonReplies {
    /** Seconds a client is asked to wait before it retries after a 503. */
    public static final String RETRY_AFTER = "5";
    private final OrderJson json;

    public JsonReplies(OrderJson json) {
        this.json = json;
    }

    public HttpReply ok(JsonNode body) {
        return json(200, body);
    }

    public HttpReply json(int status, JsonNode body) {
        return new HttpReply(status, json.toJson(body));
    }

    public HttpReply error(int status, String message) {
        return error(status, message, Map.of());
    }

    public HttpReply error(int status, String message, Map<String, String> headers) {
        ObjectNode n = json.object();
        n.put("error", message);
        return new HttpReply(status, json.toJson(n), headers);
    }

    /** A 405 with the Allow header. */
    public HttpReply notAllowed(String method, String path, String allowed) {
        return error(405, "method " + method + " is not allowed on " + path + "; use " + allowed, Map.of("Allow", allowed));
    }

    /** {@code {"error": "<what>: p1; p2", "problems": [p1, p2]}}. */
    public HttpReply problems(int status, String what, List<String> problems) {
        ObjectNode n = json.object();
        n.put("error", what + ": " + String.join("; ", problems));
        ArrayNode a = n.putArray("problems");
        problems.forEach(a::add);
        return new HttpReply(status, json.toJson(n));
    }

    /** A 503 asking the client to retry later. */
    public HttpReply unavailable(String message) {
        return error(503, message, Map.of("Retry-After", RETRY_AFTER));
    }

    /** A 500 for a bug: says so without leaking internals, and logs the stack trace for us. */
    public HttpReply internalError(Logger logger, String method, String path, RuntimeException e, String message) {
        logger.error("Unexpected failure answering {} {}", method, path, e);
        return error(500, message);
    }

    /**
     * Checks a request body before it is read.
     *
     * @param mediaType the one media type accepted, such as {@code application/json}
     * @param limit the route's body limit, for the message
     * @param emptyMessage what to say when the body is empty
     * @return a 415, 413 or 400, or null when the body can be read
     */
    public HttpReply unreadable(String contentType, String mediaType, String body, int limit, String emptyMessage) {
        String given = contentType == null ? "" : contentType;
        int semicolon = given.indexOf(';');
        String type = (semicolon < 0 ? given : given.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        if (!type.equals(mediaType)) {
            return error(415, "Content-Type must be " + mediaType + ", was '" + given + "'");
        }
        if (body == null) {
            return error(413, "the body is larger than " + limit + " bytes");
        }
        if (body.isBlank()) {
            return error(400, emptyMessage);
        }
        return null;
    }
}
