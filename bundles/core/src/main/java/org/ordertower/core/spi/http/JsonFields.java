package org.ordertower.core.spi.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the fields of a JSON request body by name, collecting every problem: unknown, missing or
 * mistyped fields. The caller answers 400 with {@link #problems} when there are any.
 */
public final class JsonFields {
    public final List<String> problems = new ArrayList<>();
    private final ObjectNode node;
    private final String at;

    public JsonFields(ObjectNode node, String... known) {
        this(node, "", Set.of(known));
    }

    /** @param at the path of {@code node} in the body, such as {@code address.}, for the problems */
    public JsonFields(ObjectNode node, String at, Set<String> known) {
        this.node = node;
        this.at = at;
        node.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                problems.add("unknown field '" + at + f + "'");
            }
        });
    }

    /** A required string, not blank. */
    public String text(String field) {
        JsonNode v = present(field);
        return v == null ? null : string(field, v);
    }

    /** A string, not blank, or null when absent. */
    public String optionalText(String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : string(field, v);
    }

    /** A required whole number. */
    public int integer(String field) {
        JsonNode v = present(field);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            problems.add(at + field + " must be a whole number, was " + shown(v));
            return 0;
        }
        return v.intValue();
    }

    /** An object, or null when absent. */
    public ObjectNode optionalObject(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            problems.add(at + field + " must be an object, was " + shown(v));
            return null;
        }
        return (ObjectNode) v;
    }

    private String string(String field, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank()) {
            problems.add(at + field + " must be a non-blank string, was " + shown(v));
            return null;
        }
        return v.asText();
    }

    private JsonNode present(String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            problems.add(at + field + " is required");
            return null;
        }
        return v;
    }

    private static String shown(JsonNode v) {
        String s = v.toString();
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
