package org.ordertower.testing.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class HostileJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DOC = "{\"id\":\"A-1\",\"n\":2,\"lines\":[{\"sku\":\"S\",\"qty\":1}],\"to\":{\"city\":\"Hangzhou\"}}";

    @Test
    void everyPrefixEveryLeafEveryValueAndEveryRemoval() throws Exception {
        Map<String, String> c = HostileJson.corpus(DOC);
        String base = MAPPER.readTree(DOC).toString();
        for (int i = 0; i < base.length(); i++) {
            assertEquals(base.substring(0, i), c.get("prefix " + i));
        }
        // five leaves: id, n, lines.0.sku, lines.0.qty, to.city
        for (String leaf : new String[] { "id", "n", "lines.0.sku", "lines.0.qty", "to.city" }) {
            JsonNode changed = MAPPER.readTree(c.get(HostileJson.name(leaf, -1)));
            assertEquals(-1, at(changed, leaf).asInt(), leaf);
            assertTrue(at(changed, leaf).isInt(), leaf);
            assertEquals("-1", at(MAPPER.readTree(c.get(HostileJson.name(leaf, "-1"))), leaf).asText(), leaf);
            assertTrue(at(MAPPER.readTree(c.get(HostileJson.name(leaf, "-1"))), leaf).isTextual(), leaf);
            assertTrue(at(MAPPER.readTree(c.get(HostileJson.name(leaf, "' OR 1=1; DROP TABLE orders; --"))), leaf).isTextual());
            assertTrue(at(MAPPER.readTree(c.get("without " + leaf)), leaf).isMissingNode(), leaf);
        }
        assertTrue(MAPPER.readTree(c.get("without all of lines")).path("lines").isMissingNode());
        assertEquals(0, MAPPER.readTree(c.get("without all of lines.0")).path("lines").size());
        assertTrue(MAPPER.readTree(c.get("without all of to")).path("to").isMissingNode());
        assertEquals(base.length() + 5 * (HostileJson.VALUES.size() + 1) + 3 + 20, c.size(), c.keySet().toString());
        assertTrue(c.get("ten megabytes in one field").length() > 10 * 1024 * 1024);
        assertFalse(c.get("ten megabytes in one field").contains("\"A-1\""));
    }

    @Test
    void theTagGivesEachCopyItsOwnIdBeforeTheChangeSoTheChangeWins() throws Exception {
        Map<String, String> c = HostileJson.corpus(DOC, (copy, n) -> copy.put("id", "H-" + n));
        assertEquals(" ", MAPPER.readTree(c.get(HostileJson.name("id", " "))).path("id").asText());
        assertTrue(MAPPER.readTree(c.get("without id")).path("id").isMissingNode());
        assertEquals("H-" + (HostileJson.VALUES.size() + 1), MAPPER.readTree(c.get(HostileJson.name("n", ""))).path("id").asText());
    }

    private static JsonNode at(JsonNode n, String path) {
        for (String p : path.split("\\.")) {
            n = n.isArray() ? n.path(Integer.parseInt(p)) : n.path(p);
        }
        return n;
    }
}
