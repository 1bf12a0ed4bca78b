package org.ordertower.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.ordertower.core.spi.http.HttpReply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The order intake against a corpus of hostile and malformed bodies, built from a valid order: every prefix of it
 * (truncated JSON), every field set to each of a list of wrong or hostile values (wrong types, huge numbers, negative
 * and zero quantities, unknown enums, control characters, injection strings, long texts), and whole-body attacks
 * (deep nesting, a body over the limit, XML with entities, duplicate keys, other content types). Each one is answered
 * with a 4xx problem naming what is wrong, or stored whole when it happens to be a valid order; never a 5xx; nothing
 * half-stored; and a good order still goes in afterwards.
 */
public class HostileIntakeTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final List<Object> VALUES = List.of("", " ", "\u0000", "\u202e\u0007\u001b[31m", "<script>alert(1)</script>",
            "' OR 1=1; DROP TABLE orders; --", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd", "NaN", "-1", "0",
            "1e400", "9".repeat(400), "x".repeat(70_000), -1, 0, Long.MAX_VALUE, 1e308, -1e308, true, "UNKNOWN_ENUM",
            "2026-13-45T99:99:99Z", List.of(), Map.of(), Map.of("a", List.of(1, 2)));

    @Test
    void everyHostileBodyGetsA4xxOrIsStoredWholeAndNothingElseChanges() throws Exception {
        // in memory: what is checked is the answer and what is stored, not durability (each commit's CHECKPOINT SYNC
        // on a file costs 0.2 s here, and several hundred of the bodies are valid orders)
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:hostile-intake;DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        try (IntakeFixture fixture = new IntakeFixture(ds)) {
            OrderHttpApi api = fixture.api;
            Map<String, String> corpus = corpus();
            assertTrue(corpus.size() >= 500, "corpus of " + corpus.size());
            List<String> failures = new ArrayList<>();
            int refused = 0;
            int stored = 0;
            for (Map.Entry<String, String> c : corpus.entrySet()) {
                HttpReply r;
                try {
                    String type = c.getKey().startsWith("type:") ? c.getKey().substring(5) : "application/json";
                    r = api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), type, c.getValue());
                } catch (RuntimeException e) {
                    failures.add(c.getKey() + ": threw " + e);
                    continue;
                }
                if (r.status() >= 500) {
                    failures.add(c.getKey() + ": " + r.status() + " " + r.body());
                } else if (r.status() >= 400) {
                    refused++;
                    if (!r.contentType().startsWith("application/problem+json") || !r.body().contains("\"detail\"")) {
                        failures.add(c.getKey() + ": a refusal without a problem detail: " + r.body());
                    }
                } else {
                    stored++;
                    HttpReply back = api.handle(OrderHttpApiTest.ADMIN, "GET", r.headers().get("Location"), Map.of(), null,
                            null);
                    if (back.status() != 200) {
                        failures.add(c.getKey() + ": stored, but reads back " + back.status() + " " + back.body());
                    }
                }
            }
            System.out.printf("hostile intake corpus: %d bodies, %d refused with a problem detail, %d valid and stored%n",
                    corpus.size(), refused, stored);
            assertTrue(failures.isEmpty(), failures.size() + " of " + corpus.size() + " bodies mishandled:\n"
                    + String.join("\n", failures.subList(0, Math.min(40, failures.size()))));
            assertEquals(stored, count(ds, "SELECT COUNT(*) FROM inbox"), "an inbox row for each stored version only");
            assertTrue(refused > corpus.size() / 2, refused + " refused of " + corpus.size());
            HttpReply good = api.handle(OrderHttpApiTest.ADMIN, "POST", "/api/v1/orders", Map.of(), "application/json",
                    OrderHttpApiTest.ORDER.replace("W-1", "AFTER-THE-CORPUS"));
            assertEquals(201, good.status(), good.body());
        }
    }

    /** Name to body; names starting {@code type:} carry their Content-Type. */
    public static Map<String, String> corpus() throws Exception {
        Map<String, String> c = new LinkedHashMap<>();
        String base = OrderHttpApiTest.ORDER.replace("\n", "");
        for (int i = 0; i < base.length(); i++) {
            c.put("prefix " + i, base.substring(0, i));
        }
        ObjectNode order = (ObjectNode) MAPPER.readTree(base);
        List<String> paths = new ArrayList<>();
        leaves(order, "", paths);
        int n = 0;
        for (String path : paths) {
            for (Object v : VALUES) {
                ObjectNode copy = order.deepCopy();
                copy.put("platformOrderId", "H-" + (n++));
                set(copy, path, MAPPER.valueToTree(v));
                c.put(path + " = " + abbreviate(String.valueOf(v)), copy.toString());
            }
            ObjectNode without = order.deepCopy();
            without.put("platformOrderId", "H-" + (n++));
            remove(without, path);
            c.put("without " + path, without.toString());
        }
        c.put("deep nesting", "[".repeat(100_000) + "]".repeat(100_000));
        c.put("deep object", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000));
        c.put("over the limit", null); // the route hands a body over the limit on as null
        c.put("ten megabytes of order", base.replace("\"SKU-9\"", "\"" + "S".repeat(10 * 1024 * 1024) + "\""));
        c.put("duplicate keys", base.replace("\"shop\":\"web\",", "\"shop\":\"web\",\"shop\":\"other\","));
        c.put("lines not an array", base.replaceFirst("\"lines\":\\[", "\"lines\":{\"x\":").replace("}],", "}},"));
        c.put("a BOM first", "\ufeff" + base);
        c.put("two orders", base + base);
        c.put("an array of orders", "[" + base + "," + base + "]");
        c.put("a string", "\"order\"");
        c.put("a number", "42");
        c.put("null", "null");
        c.put("type:application/xml", "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><o>&x;</o>");
        c.put("type:multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--");
        c.put("type:text/plain", base);
        c.put("type:", base);
        c.put("xml in a JSON body", "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x \"x\">]><o>&x;</o>");
        c.put("comments", "/* hi */" + base);
        c.put("trailing garbage", base + "}}}");
        c.put("unicode escapes", base.replace("\"web\"", "\"\\ud800\""));
        c.put("quantity 2^31", base.replace("\"quantity\":2", "\"quantity\":2147483648"));
        c.put("quantity 1.5", base.replace("\"quantity\":2", "\"quantity\":1.5"));
        c.put("price with 40 decimals", base.replace("\"19.90\"", "\"19." + "9".repeat(40) + "\""));
        c.put("price 1e-400", base.replace("\"19.90\"", "\"1e-400\""));
        c.put("500 lines", base.replace("[{\"lineNo\":\"1\"", manyLines(501)));
        return c;
    }

    private static String manyLines(int n) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 2; i <= n; i++) {
            b.append("{\"lineNo\":\"").append(i).append("\",\"channelSku\":\"S\",\"quantity\":1},");
        }
        return b.append("{\"lineNo\":\"1\"").toString();
    }

    private static void leaves(JsonNode n, String at, List<String> out) {
        if (n.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                leaves(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                leaves(n.get(i), at + "." + i, out);
            }
        } else {
            out.add(at);
        }
    }

    private static ContainerNode<?> parent(ObjectNode root, String[] parts) {
        JsonNode n = root;
        for (int i = 0; i < parts.length - 1; i++) {
            n = parts[i].matches("\\d+") ? n.get(Integer.parseInt(parts[i])) : n.get(parts[i]);
        }
        return (ContainerNode<?>) n;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ContainerNode<?> p = parent(root, parts);
        String last = parts[parts.length - 1];
        if (p instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        } else {
            ((ObjectNode) p).set(last, value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        String[] parts = path.split("\\.");
        ContainerNode<?> p = parent(root, parts);
        String last = parts[parts.length - 1];
        if (p instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        } else {
            ((ObjectNode) p).remove(last);
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 30 ? s.substring(0, 30) + "…(" + s.length() + ")" : s;
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
