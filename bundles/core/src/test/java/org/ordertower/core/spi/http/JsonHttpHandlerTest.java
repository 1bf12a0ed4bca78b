package org.ordertower.core.spi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Caller;
import org.ordertower.api.StoreUnavailableException;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Every interface on the base class answers failures alike, splits its path the same way, and answers its own first. */
class JsonHttpHandlerTest {
    private final ObjectMapper mapper = new ObjectMapper();

    /** Fails as the first part of the path says; else echoes the parts. */
    private static final class Probe extends JsonHttpHandler {
        Probe() {
            super("/api/v1/probe", new OrderJson());
        }

        @Override
        protected HttpReply serve(Caller caller, String method, String path, String[] parts, Map<String, String> query,
                String contentType, String body) throws SQLException {
            switch (parts.length == 0 ? "" : parts[0]) {
                case "sql" -> throw new SQLException("connection refused by db.internal:5432");
                case "store" -> throw new StoreUnavailableException("pool exhausted at db.internal", null);
                case "bad" -> throw new IllegalArgumentException("limit must be 1..500, was 0");
                case "bug" -> throw new NullPointerException("secret internals");
                case "mine" -> throw new IllegalStateException("the shop's lease is held by node-2");
                default -> {
                    return replies.ok(json.tree(Arrays.asList(parts)));
                }
            }
        }

        @Override
        protected HttpReply refusal(RuntimeException e) {
            return e instanceof IllegalStateException ? replies.error(409, e.getMessage()) : null;
        }
    }

    private HttpReply get(String path) {
        return new Probe().handle(Caller.ANONYMOUS, "GET", path, Map.of(), null, null);
    }

    @Test
    void failuresAreAnsweredAlikeAndThePathIsSplitBelowTheBase() throws Exception {
        assertEquals("[]", get("/api/v1/probe").body());
        assertEquals("[]", get("/api/v1/probe/").body());
        assertEquals("[\"a\",\"b\"]", get("/api/v1/probe/a/b").body());
        for (String down : new String[] { "/api/v1/probe/sql", "/api/v1/probe/store" }) {
            HttpReply r = get(down);
            assertEquals(503, r.status());
            assertEquals("5", r.headers().get("Retry-After"));
            assertFalse(r.body().contains("db.internal"), "no internals: " + r.body());
        }
        HttpReply bad = get("/api/v1/probe/bad");
        assertEquals(400, bad.status());
        assertEquals("limit must be 1..500, was 0", mapper.readTree(bad.body()).get("detail").asText());
        HttpReply bug = get("/api/v1/probe/bug");
        assertEquals(500, bug.status());
        assertFalse(bug.body().contains("secret internals"), bug.body());
        assertEquals(409, get("/api/v1/probe/mine").status(), "the interface's own answer first");
    }
}
