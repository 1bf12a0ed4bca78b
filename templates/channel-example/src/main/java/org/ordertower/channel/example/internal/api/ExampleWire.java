package org.ordertower.channel.example.internal.api;

import java.time.Instant;

import org.ordertower.api.channel.ChannelException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Example Mall wire conventions: JSON read strictly (exact decimals, no float-to-int), amounts as decimal strings,
 * times as epoch milliseconds. Every failure here is a {@link ChannelException.Kind#PERMANENT} naming what was wrong.
 * Thread-safe.
 */
public final class ExampleWire {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ExampleWire() {
    }

    /** Parses JSON text; malformed, truncated or empty text fails naming {@code what}. */
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

    /** An epoch-milliseconds time, or null for null. */
    public static Instant time(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    /** A PERMANENT failure prefixed with the channel. */
    public static ChannelException failure(String message, Throwable cause) {
        return new ChannelException(ChannelException.Kind.PERMANENT, "example: " + message, cause);
    }
}
