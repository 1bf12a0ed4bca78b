package org.ordertower.carrier.kuaidi100.internal.api;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.carrier.kuaidi100.internal.Kuaidi100Constants;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON and time conventions of Kuaidi100 payloads: one strict mapper, Beijing-time timestamps. Thread-safe. */
public final class Kuaidi100Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Kuaidi100Json() {
    }

    /**
     * Parses a payload sent to us (a push) into a tree; malformed, truncated or empty JSON is PERMANENT, since sending
     * the same payload again cannot mend it.
     */
    public static JsonNode tree(String json, String what) {
        try {
            JsonNode node = json == null ? null : MAPPER.readTree(json);
            if (node == null || node.isMissingNode()) {
                throw permanent(what + " is empty", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw permanent(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses the answer to one of our calls into a tree; an empty body or one that is not JSON (cut short by a dropped
     * connection, or a proxy's page) is TRANSIENT: the call may have taken effect, and only a later try can tell.
     *
     * @param call the call, as messages name it ({@code subscribe})
     */
    public static JsonNode answer(String body, String call) {
        try {
            JsonNode node = body == null ? null : MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new PartnerException(PartnerException.Kind.TRANSIENT, "kuaidi100 " + call
                        + " answered an empty body", null, null, null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PartnerException(PartnerException.Kind.TRANSIENT, "kuaidi100 " + call
                    + " answered a truncated or malformed body (not JSON): " + e.getOriginalMessage(), null, null, e);
        }
    }

    /** A required object member. */
    public static JsonNode object(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            throw permanent("'" + path + field + "' is missing", null);
        }
        if (!v.isObject()) {
            throw permanent("'" + path + field + "' is not an object", null);
        }
        return v;
    }

    /** A required text member (a JSON string; Kuaidi100 sends every scalar as a string). */
    public static String text(JsonNode parent, String field, String path) {
        String v = optionalText(parent, field, path);
        if (v == null || v.isBlank()) {
            throw permanent("'" + path + field + "' is missing", null);
        }
        return v;
    }

    /**
     * An optional scalar member as text: a string, or an integer (Kuaidi100's docs type some codes as Integer);
     * null when absent or JSON null; any other type is PERMANENT.
     */
    public static String optionalText(JsonNode parent, String field, String path) {
        JsonNode v = parent.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual() || v.isIntegralNumber()) {
            return v.asText();
        }
        throw permanent("'" + path + field + "' has the wrong type (" + v.getNodeType().name().toLowerCase() + ")", null);
    }

    /** A Kuaidi100 {@code yyyy-MM-dd HH:mm:ss} Beijing time. */
    public static Instant time(String text, String path) {
        try {
            return LocalDateTime.parse(text.strip(), TIME).atZone(Kuaidi100Constants.CHINA).toInstant();
        } catch (DateTimeParseException e) {
            throw permanent("'" + path + "' is not a yyyy-MM-dd HH:mm:ss time: '" + text + "'", e);
        }
    }

    /** Formats an instant the way Kuaidi100 writes times. */
    public static String format(Instant instant) {
        return TIME.format(instant.atZone(Kuaidi100Constants.CHINA));
    }

    public static PartnerException permanent(String message, Throwable cause) {
        return new PartnerException(PartnerException.Kind.PERMANENT, "kuaidi100: " + message, null, null, cause);
    }
}
