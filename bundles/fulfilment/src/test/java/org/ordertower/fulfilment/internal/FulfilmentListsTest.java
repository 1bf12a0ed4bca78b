package org.ordertower.fulfilment.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Caller;
import org.ordertower.api.fulfilment.FulfilmentService;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.fulfilment.internal.http.FulfilmentHttpApi;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The failed calls and the stuck parcels over HTTP, paged by id: the interface over the stores' real keyset reads
 * ({@code id > ?}), as {@link FulfilmentComponent} wires them through {@link Fulfilment}, on H2 and PostgreSQL.
 */
class FulfilmentListsTest {
    private static final Caller VIEWER = new Caller("viewer", Set.of("viewer"));
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T0 = Instant.parse("2026-11-11T00:00:00Z");

    /** The service's two paged lists as the component answers them, over the stores. */
    private static FulfilmentService service(Database db) {
        ParcelStore parcels = new ParcelStore();
        TaskStore tasks = new TaskStore(parcels, (tx, task, orderId, parcelId) -> "none");
        return (FulfilmentService) Proxy.newProxyInstance(FulfilmentService.class.getClassLoader(),
                new Class<?>[] { FulfilmentService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("failed") && args.length == 2) {
                        return db.read(tx -> tasks.failedCalls(tx, (Long) args[0], (Integer) args[1]));
                    }
                    if (method.getName().equals("stuck") && args.length == 2) {
                        return db.read(tx -> parcels.stuck(tx, (Long) args[0], (Integer) args[1])).stream()
                                .map(ParcelStore.Parcel::view).toList();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static long insert(Connection c, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] { "id" })) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i] instanceof Instant t ? Timestamp.from(t) : values[i]);
            }
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A call, DEAD (failed for good) or still PENDING; returns its id. */
    private static long task(Connection c, int n, boolean dead) throws Exception {
        return insert(c, "INSERT INTO fulfil_task (task_key, kind, order_id, parcel_id, payload, state, attempts, created_at, "
                + "next_at, last_error) VALUES (?, 'WRITE_BACK', ?, NULL, ?, ?, 5, ?, ?, ?)", "k-" + n, 1000L + n,
                "SF" + n + " to taobao", dead ? "DEAD" : "PENDING", T0.plusSeconds(100 - n), T0, "refused " + n);
    }

    /** A parcel, flagged as not moving or not; returns its id. */
    private static long parcel(Connection c, int n, boolean stuck, String status) throws Exception {
        return insert(c, "INSERT INTO parcel (code, order_id, warehouse, carrier, status, lines, cold_chain, created_at, "
                + "updated_at, shipped_at, stuck_at) VALUES (?, ?, 'HZ', 'SF', ?, ?, FALSE, ?, ?, ?, ?)", "P-" + n, 2000L + n,
                status, "1\tCUP\t2\tcup\n", T0, T0, T0, stuck ? T0.plusSeconds(100 - n) : null);
    }

    private static JsonNode answer(HttpReply r, int status) throws Exception {
        assertEquals(status, r.status(), r.body());
        return MAPPER.readTree(r.body());
    }

    /** Every page of a list with {@code limit}; checks each page's size and next. */
    private static List<Long> walk(FulfilmentHttpApi api, String path, int limit) throws Exception {
        List<Long> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            Map<String, String> q = new HashMap<>(Map.of("limit", String.valueOf(limit)));
            if (after != null) {
                q.put("after", after);
            }
            JsonNode page = answer(api.handle(VIEWER, "GET", path, q, null, null), 200);
            List<Long> ids = new ArrayList<>();
            page.get("items").forEach(i -> ids.add(i.get("id").asLong()));
            seen.addAll(ids);
            assertTrue(page.has("next"), page.toString());
            after = page.get("next").isNull() ? null : page.get("next").asText();
            if (after != null) {
                assertEquals(limit, ids.size(), "only the last page is short");
                assertEquals(String.valueOf(ids.get(ids.size() - 1)), after, "next is the last id shown");
            } else {
                assertTrue(ids.size() <= limit);
            }
        } while (after != null && ++pages < 50);
        return seen;
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void failedCallsAndStuckParcelsPageByIdOldestFirstEveryOneOnceAndBadPagingIsA400(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 4);
        OrderStore.migrator(ds).migrate();
        FulfilmentHttpApi api = new FulfilmentHttpApi(service(new Database(ds)), new OrderJson());
        assertEquals(List.of(), walk(api, "/api/v1/fulfilment/failed", 2), "none: an empty last page");

        List<Long> dead = new ArrayList<>();
        List<Long> stuck = new ArrayList<>();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            for (int n = 1; n <= 7; n++) {
                // created_at falls as the id rises: the list is by id, the only stable key
                dead.add(task(c, n, true));
                task(c, 100 + n, false);
                stuck.add(parcel(c, n, true, n % 2 == 0 ? "PLANNED" : "SHIPPED"));
                parcel(c, 100 + n, false, "SHIPPED");
                parcel(c, 200 + n, true, "DELIVERED"); // flagged once, arrived since: not stuck
            }
        }

        for (int limit : new int[] { 1, 3, 7, 500 }) {
            assertEquals(dead, walk(api, "/api/v1/fulfilment/failed", limit), "limit " + limit);
            assertEquals(stuck, walk(api, "/api/v1/fulfilment/stuck", limit), "limit " + limit);
        }
        JsonNode first = answer(api.handle(VIEWER, "GET", "/api/v1/fulfilment/failed", Map.of(), null, null), 200);
        assertEquals(7, first.get("items").size(), "50 by default");
        assertTrue(first.get("next").isNull());
        JsonNode call = first.get("items").get(0);
        assertEquals("WRITE_BACK", call.get("kind").asText());
        assertEquals(1001, call.get("orderId").asLong());
        assertEquals("refused 1", call.get("lastError").asText());
        JsonNode rest = answer(api.handle(VIEWER, "GET", "/api/v1/fulfilment/stuck", Map.of("after",
                String.valueOf(stuck.get(4))), null, null), 200);
        assertEquals(stuck.subList(5, 7), List.of(rest.get("items").get(0).get("id").asLong(),
                rest.get("items").get(1).get("id").asLong()));
        assertEquals("P-6", rest.get("items").get(0).get("code").asText());
        assertEquals("2026-11-11T00:01:34Z", rest.get("items").get(0).get("stuckSince").asText());

        for (String path : List.of("/api/v1/fulfilment/failed", "/api/v1/fulfilment/stuck")) {
            assertBad(api.handle(VIEWER, "GET", path, Map.of("limit", "0"), null, null), "limit must be 1..500, was 0");
            assertBad(api.handle(VIEWER, "GET", path, Map.of("limit", "501"), null, null), "limit must be 1..500, was 501");
            assertBad(api.handle(VIEWER, "GET", path, Map.of("after", "P-6"), null, null),
                    "after must be the next cursor of the previous page (an id), was 'P-6'");
        }
    }

    private static void assertBad(HttpReply r, String message) throws Exception {
        String error = answer(r, 400).path("error").asText();
        assertTrue(error.contains(message), "expected '" + message + "' in " + r.body());
    }
}
