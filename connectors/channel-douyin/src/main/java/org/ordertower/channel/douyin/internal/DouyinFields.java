package org.ordertower.channel.douyin.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.ordertower.api.channel.ChannelException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Strict reads from a payload tree: a missing or mistyped field is a {@link ChannelException} of kind
 * PERMANENT naming the field's path. Stateless.
 */
final class DouyinFields {
    private DouyinFields() {
    }

    static ChannelException bad(String path, String problem) {
        return new ChannelException(ChannelException.Kind.PERMANENT, "douyin order payload: " + path + " " + problem);
    }

    static JsonNode object(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw bad(path + name, "is missing");
        }
        if (!n.isObject()) {
            throw bad(path + name, "must be an object");
        }
        return n;
    }

    /** An object, or null when absent. */
    static JsonNode optionalObject(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? null : object(parent, name, path);
    }

    static JsonNode array(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw bad(path + name, "is missing");
        }
        if (!n.isArray()) {
            throw bad(path + name, "must be an array");
        }
        return n;
    }

    static String text(JsonNode parent, String name, String path) {
        String v = optionalText(parent, name, path);
        if (v == null || v.isBlank()) {
            throw bad(path + name, "is missing");
        }
        return v;
    }

    /** Text, or null when absent or empty. */
    static String optionalText(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw bad(path + name, "must be a string");
        }
        return n.asText().isEmpty() ? null : n.asText();
    }

    static long integer(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        if (n == null || n.isNull()) {
            throw bad(path + name, "is missing");
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad(path + name, "must be an integer");
        }
        return n.longValue();
    }

    /** An integer, or 0 when absent. */
    static long optionalInteger(JsonNode parent, String name, String path) {
        JsonNode n = parent.get(name);
        return n == null || n.isNull() ? 0 : integer(parent, name, path);
    }

    /** Fen (分) to yuan, exactly; negative amounts are refused. */
    static BigDecimal fen(JsonNode parent, String name, String path, boolean required) {
        long fen = required ? integer(parent, name, path) : optionalInteger(parent, name, path);
        if (fen < 0) {
            throw bad(path + name, "must not be negative, was " + fen);
        }
        return BigDecimal.valueOf(fen, 2);
    }

    /** Unix seconds to an instant; 0 or absent is null. */
    static Instant seconds(JsonNode parent, String name, String path) {
        long s = optionalInteger(parent, name, path);
        if (s < 0) {
            throw bad(path + name, "must not be negative, was " + s);
        }
        return s == 0 ? null : Instant.ofEpochSecond(s);
    }

    /** A region's {@code name} ({@code {"id":..,"name":..}}), or null. */
    static String regionName(JsonNode addr, String name, String path) {
        JsonNode region = optionalObject(addr, name, path);
        return region == null ? null : optionalText(region, "name", path + name + ".");
    }
}
