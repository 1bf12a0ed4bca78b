package org.ordertower.channel.pdd.internal.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.channel.pdd.internal.PddConstants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON and time conventions of PDD payloads: one strict mapper, Beijing-time timestamps. Every failure here is
 * PERMANENT, except an API answer that cannot be parsed at all ({@link #answer}): that is TRANSIENT. Thread-safe.
 */
public final class PddJson {
    /** Decimals stay exact, fractions never become integers, unknown fields are ignored by the DTOs. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PddJson() {
    }

    /**
     * Parses the body of an HTTP 200 answer to the API method {@code type}. A body that is empty, cut short or not
     * JSON at all (a dropped connection, a proxy's HTML page) says nothing about whether PDD did what was asked, so it
     * is TRANSIENT: a write call may well have taken effect, and its retry meets what it did. Whether the parsed
     * answer holds what the call needs is for the caller to check.
     */
    public static JsonNode answer(String body, String type) {
        JsonNode node;
        try {
            node = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "pdd " + type
                    + " answer was truncated or malformed: not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode()) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "pdd " + type
                    + " answer was truncated or malformed: the body is empty");
        }
        return node;
    }

    /**
     * Parses text that is not an API answer as it came over the wire (an order payload) into a tree; malformed or
     * truncated JSON is PERMANENT.
     */
    public static JsonNode tree(String json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw permanent(what + " is empty", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw permanent(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Binds a tree to a DTO; a field of the wrong type is PERMANENT, naming the field. */
    public static <T> T bind(JsonNode node, Class<T> type, String what) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw permanent(what + " field '" + field + "' has the wrong type", e);
        } catch (JsonProcessingException e) {
            throw permanent(what + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** A PDD {@code yyyy-MM-dd HH:mm:ss} Beijing time, or null when blank. */
    public static Instant time(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), TIME).atZone(PddConstants.CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw permanent("field '" + field + "' is not a yyyy-MM-dd HH:mm:ss time: '" + text + "'", e);
        }
    }

    /** Formats an instant the way PDD writes times. */
    public static String format(Instant instant) {
        return instant == null ? "" : TIME.format(instant.atZone(PddConstants.CHINA));
    }

    public static ChannelException permanent(String message, Throwable cause) {
        return new ChannelException(ChannelException.Kind.PERMANENT, "pdd: " + message, cause);
    }
}
