package org.ordertower.core.spi.http;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.slf4j.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answers the REST interfaces share, so they look alike: JSON bodies; errors as problem details (RFC 9457,
 * {@code application/problem+json}): {@code {"type","title","status","detail"}} with {@code "error"} (the detail again,
 * as earlier versions answered it) and, for a refused body, {@code "problems"} (one text each) and {@code "fields"} (the
 * paths at fault, such as {@code lines[0].quantity}); the checks of a request body, 503 with Retry-After, and 500
 * without internals.
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
        return new HttpReply(status, json.toJson(problem(json.object(), status, message)), headers, PROBLEM_JSON);
    }

    /** The media type of every error. */
    public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";

    /**
     * Writes the problem details of an error into {@code n}: {@code type} is {@code about:blank} (the status says what
     * kind of error it is), {@code title} the status's phrase, {@code detail} and {@code error} the message.
     */
    public static ObjectNode problem(ObjectNode n, int status, String detail) {
        n.put("type", "about:blank");
        n.put("title", title(status));
        n.put("status", status);
        n.put("detail", detail);
        n.put("error", detail);
        return n;
    }

    /** The phrase of an HTTP status. */
    public static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Server Error" : "Client Error";
        };
    }

    /** A leading field path, then how it is at fault: {@code lines[0].quantity must be ...}, {@code quota: ...}. */
    private static final java.util.regex.Pattern FIELD = java.util.regex.Pattern.compile(
            "^([A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\d+\\])?)*)"
                    + "(?=:| must | is | holds | has | appears | names | or | '| \\d)");
    private static final java.util.regex.Pattern UNKNOWN = java.util.regex.Pattern.compile("^unknown field '([^']+)'");

    /**
     * The field paths the problems name, in order, each once: the path a problem starts with ({@code address.city is
     * required}, {@code quota: must be above 0}), or the one of {@code unknown field 'x'}; problems that name none are
     * left out.
     */
    public static List<String> fields(List<String> problems) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (String p : problems) {
            java.util.regex.Matcher u = UNKNOWN.matcher(p);
            java.util.regex.Matcher f = FIELD.matcher(p);
            if (u.find()) {
                out.add(u.group(1));
            } else if (f.find()) {
                out.add(f.group(1));
            }
        }
        return List.copyOf(out);
    }

    /** A 405 with the Allow header. */
    public HttpReply notAllowed(String method, String path, String allowed) {
        return error(405, "method " + method + " is not allowed on " + path + "; use " + allowed, Map.of("Allow", allowed));
    }

    /**
     * Problem details with {@code "detail"} and {@code "error"} {@code "<what>: p1; p2"}, {@code "problems": [p1, p2]}
     * and {@code "fields"}: the paths they name ({@link #fields}).
     */
    public HttpReply problems(int status, String what, List<String> problems) {
        ObjectNode n = problem(json.object(), status, what + ": " + String.join("; ", problems));
        ArrayNode a = n.putArray("problems");
        problems.forEach(a::add);
        ArrayNode f = n.putArray("fields");
        fields(problems).forEach(f::add);
        return new HttpReply(status, json.toJson(n), Map.of(), PROBLEM_JSON);
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
