package org.ordertower.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.testing.hostile.HostileJson;


/**
 * The order intake against a corpus of hostile and malformed bodies, built from a valid order: every prefix of it
 * (truncated JSON), every field set to each of a list of wrong or hostile values (wrong types, huge numbers, negative
 * and zero quantities, unknown enums, control characters, injection strings, long texts), and whole-body attacks
 * (deep nesting, a body over the limit, XML with entities, duplicate keys, other content types). Each one is answered
 * with a 4xx problem naming what is wrong, or stored whole when it happens to be a valid order; never a 5xx; nothing
 * half-stored; and a good order still goes in afterwards.
 */
public class HostileIntakeTest {

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
        String base = OrderHttpApiTest.ORDER.replace("\n", "");
        // every changed copy is an order of its own, so a valid one is stored as a new order
        Map<String, String> c = new LinkedHashMap<>(HostileJson.corpus(base, (copy, n) -> copy.put("platformOrderId",
                "H-" + n)));
        c.put("over the limit", null); // the route hands a body over the limit on as null
        c.put("duplicate keys", base.replace("\"shop\":\"web\",", "\"shop\":\"web\",\"shop\":\"other\","));
        c.put("lines not an array", base.replaceFirst("\"lines\":\\[", "\"lines\":{\"x\":").replace("}],", "}},"));
        c.put("type:application/xml", "<?xml version=\"1.0\"?><!DOCTYPE o [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><o>&x;</o>");
        c.put("type:multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--");
        c.put("type:text/plain", base);
        c.put("type:", base);
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

    private static long count(DataSource ds, String sql) throws Exception {
        try (var c = ds.getConnection(); var s = c.createStatement(); var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
