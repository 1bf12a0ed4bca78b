package org.ordertower.channel.douyin.internal.api;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The {@code param_json} text: business parameters as compact JSON with the keys of every object sorted
 * (recursively) and no HTML escaping, as the official Go SDK produces it (utils/sign_util.go, Marshal:
 * a map round trip, which sorts keys, then an encoder with SetEscapeHTML(false)). Go's encoder still
 * escapes U+2028 and U+2029; so does this. The same text is signed and sent as the body.
 */
public final class DouyinParamJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DouyinParamJson() {
    }

    /** @param params business parameters (maps, lists, strings, numbers, booleans, or a JsonNode) */
    public static String of(Object params) {
        JsonNode tree = params instanceof JsonNode n ? n : MAPPER.valueToTree(params == null ? Map.of() : params);
        try {
            String json = MAPPER.writeValueAsString(sorted(tree));
            return json.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("parameters cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node instanceof ObjectNode object) {
            TreeMap<String, JsonNode> byName = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                byName.put(e.getKey(), sorted(e.getValue()));
            }
            ObjectNode out = MAPPER.createObjectNode();
            byName.forEach(out::set);
            return out;
        }
        if (node instanceof ArrayNode array) {
            ArrayNode out = MAPPER.createArrayNode();
            array.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
