package org.ordertower.channels.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Caller;
import org.ordertower.channels.internal.ChannelRuntime;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The shops' REST interface over the real channel runtime and its dead letters, on H2 and PostgreSQL. */
class ShopsHttpApiTest {
    private static final Caller VIEWER = new Caller("viewer", Set.of("viewer"));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private GroupCommitWriter writer;
    private ChannelRuntime runtime;

    @AfterEach
    void close() throws Exception {
        if (runtime != null) {
            runtime.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    private ShopsHttpApi api(DataSource ds) throws Exception {
        Database db = new Database(ds);
        OrderStore.migrator(ds).migrate();
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 16, 100, 30_000);
        DefaultOrderService orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(),
                () -> Set.of("taobao", "jd"), () -> { });
        runtime = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("node-a", Duration.ofHours(24),
                Duration.ofSeconds(2), 8, 3, Duration.ofDays(7), false));
        return new ShopsHttpApi(runtime, new OrderJson());
    }

    /** Stores dead letters as the runtime does; returns their ids, oldest first. */
    private static List<Long> deadLetters(DataSource ds, String... channels) throws Exception {
        List<Long> ids = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO channel_dead_letter "
                + "(channel, shop, source, platform_order_id, reason, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                new String[] { "id" })) {
            c.setAutoCommit(true);
            Instant t = Instant.parse("2026-11-11T00:00:00Z");
            for (int i = 0; i < channels.length; i++) {
                ps.setString(1, channels[i]);
                ps.setString(2, "shop1");
                ps.setString(3, "pull");
                ps.setString(4, "P-" + i);
                ps.setString(5, "unmapped SKU " + i);
                ps.setString(6, "{}");
                ps.setTimestamp(7, Timestamp.from(t.plusSeconds(i)));
                ps.executeUpdate();
                try (var keys = ps.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    private static JsonNode answer(HttpReply r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        return MAPPER.readTree(r.body());
    }

    private static void assertBad(HttpReply r, String message) throws Exception {
        String error = answer(r, 400).path("error").asText();
        assertTrue(error.contains(message), "expected '" + message + "' in " + r.body());
    }

    /** Walks every page of the dead letters with {@code limit}; checks each page's size and next. */
    private static List<Long> walk(ShopsHttpApi api, Map<String, String> filter, int limit) throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(filter);
            q.put("limit", String.valueOf(limit));
            if (after != null) {
                q.put("after", after);
            }
            JsonNode page = answer(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters", q, null, null), 200);
            List<Long> ids = new ArrayList<>();
            page.get("items").forEach(d -> ids.add(d.get("id").asLong()));
            assertTrue(ids.size() <= limit, page.toString());
            seen.addAll(ids);
            assertTrue(page.has("next"), page.toString());
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(limit, ids.size(), "only the last page is short");
                assertEquals(String.valueOf(ids.get(ids.size() - 1)), after, "next is the last id shown");
            }
        } while (after != null && ++pages < 50);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void deadLettersPageNewestFirstByIdEveryOneOnceAndBadPagingIsA400(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 4);
        ShopsHttpApi api = api(ds);
        assertEquals(List.of(), walk(api, Map.of(), 3), "none: one empty page, next null");
        List<Long> ids = deadLetters(ds, "taobao", "jd", "taobao", "taobao", "jd", "taobao", "taobao");
        List<Long> newestFirst = new ArrayList<>(ids);
        newestFirst.sort(java.util.Comparator.reverseOrder());
        List<Long> taobao = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            if (i != 1 && i != 4) {
                taobao.add(ids.get(i));
            }
        }

        assertEquals(newestFirst, walk(api, Map.of(), 3));
        assertEquals(newestFirst, walk(api, Map.of(), 1));
        assertEquals(newestFirst, walk(api, Map.of(), 7), "exactly one full page: next null");
        assertEquals(newestFirst, walk(api, Map.of(), 500));
        assertEquals(taobao, walk(api, Map.of("channel", "taobao"), 2));
        assertEquals(taobao, walk(api, Map.of("channel", "taobao"), 5));

        JsonNode first = answer(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters", Map.of(), null, null), 200);
        assertEquals(7, first.get("items").size(), "50 by default");
        JsonNode d = first.get("items").get(0);
        assertEquals("taobao", d.get("channel").asText());
        assertEquals("unmapped SKU 6", d.get("reason").asText());
        assertEquals("P-6", d.get("platformOrderId").asText());
        assertEquals("2026-11-11T00:00:06Z", d.get("at").asText());
        JsonNode fromMiddle = answer(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters",
                Map.of("after", String.valueOf(newestFirst.get(3))), null, null), 200);
        assertEquals(3, fromMiddle.get("items").size());
        assertEquals(newestFirst.get(4).longValue(), fromMiddle.get("items").get(0).get("id").asLong());

        assertBad(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters", Map.of("limit", "0"), null, null),
                "limit must be 1..500, was 0");
        assertBad(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters", Map.of("limit", "501"), null, null),
                "limit must be 1..500, was 501");
        assertBad(api.handle(VIEWER, "GET", "/api/v1/shops/dead-letters", Map.of("after", "x7"), null, null),
                "after must be the next cursor of the previous page (an id), was 'x7'");
    }
}
