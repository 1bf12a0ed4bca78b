package org.ordertower.channel.jd.internal.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.jd.internal.JdConstants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * JOS wire conventions: JSON read strictly (exact decimals, no float-to-int), the {@code 360buy_param_json} text
 * with its keys in alphabetical order (开发规范: 按照字母先后顺序排序), and {@code yyyy-MM-dd HH:mm:ss} Beijing times.
 * Every failure here is a {@link ChannelException.Kind#PERMANENT} naming what was wrong, except an API answer that
 * cannot be parsed at all ({@link #answer}): that is {@link ChannelException.Kind#TRANSIENT}. Thread-safe.
 */
public final class JdWire {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private JdWire() {
    }

    /** The business parameters as the one JSON text JOS takes, keys sorted, null values left out. */
    public static String paramJson(Map<String, ?> business) {
        Map<String, Object> sorted = new TreeMap<>();
        business.forEach((k, v) -> {
            if (v != null) {
                sorted.put(k, v);
            }
        });
        try {
            return JSON.writeValueAsString(sorted);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("business parameters cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses the body of an HTTP 200 answer to {@code call}. A body that is empty, cut short or not JSON at all (a
     * dropped connection, a proxy's HTML page) says nothing about whether JD did what was asked, so it is
     * {@link ChannelException.Kind#TRANSIENT}: a write call may well have taken effect, and its retry meets what it
     * did. Whether the parsed answer holds what the call needs is for the caller to check.
     */
    public static JsonNode answer(String text, String call) {
        JsonNode node;
        try {
            node = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "jd " + call
                    + " answer was truncated or malformed: not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "jd " + call
                    + " answer was truncated or malformed: the body is empty");
        }
        return node;
    }

    /**
     * Parses JSON text that is not an API answer as it came over the wire (an order payload); malformed, truncated or
     * empty text fails naming {@code what}.
     */
    public static JsonNode read(String text, String what) {
        JsonNode node;
        try {
            node = text == null ? null : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw failure(what + " is not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw failure(what + " is empty", null);
        }
        return node;
    }

    /** Binds a tree to a wire shape; a value of the wrong type fails naming its path. */
    public static <T> T as(JsonNode node, Class<T> type, String what) {
        try {
            return JSON.treeToValue(node, type);
        } catch (JsonMappingException e) {
            StringBuilder path = new StringBuilder(what);
            for (JsonMappingException.Reference r : e.getPath()) {
                path.append(r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]");
            }
            throw failure(path + " has the wrong type", e);
        } catch (JsonProcessingException e) {
            throw failure(what + " cannot be read (" + e.getOriginalMessage() + ")", e);
        }
    }

    /** A JOS time, or null for null/blank. */
    public static Instant time(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), CLOCK).atZone(JdConstants.CHINA).toInstant();
        } catch (DateTimeException e) {
            throw failure(field + " is not a yyyy-MM-dd HH:mm:ss time: '" + text + "'", e);
        }
    }

    /** An instant written as JOS writes times (whole seconds, Beijing). */
    public static String clock(Instant at) {
        return CLOCK.format(at.atZone(JdConstants.CHINA));
    }

    /** A PERMANENT failure prefixed with the channel. */
    public static ChannelException failure(String message, Throwable cause) {
        return new ChannelException(ChannelException.Kind.PERMANENT, "jd: " + message, cause);
    }
}
