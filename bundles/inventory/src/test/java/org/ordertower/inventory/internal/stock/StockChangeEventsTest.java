package org.ordertower.inventory.internal.stock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.core.internal.CoreOrderLedger;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.EventOutbox;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The inventory's stock changes go into the core's outbox (so out on the stock topic, and Kafka): one event per SKU
 * whose sellable stock or presale state changed, kits too, each valid against docs/schemas/stock-change-1.json; a pass
 * that changes nothing a consumer sees publishes nothing.
 */
class StockChangeEventsTest {
    private final ObjectMapper mapper = new ObjectMapper();

    private List<JsonNode> events(StockFixture f) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = f.dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT event_type, order_id, order_key, payload FROM outbox ORDER BY id")) {
            while (rs.next()) {
                assertEquals(EventOutbox.STOCK_CHANGED, rs.getString(1));
                assertEquals(0, rs.getLong(2), "about no order");
                JsonNode n = mapper.readTree(rs.getString(4));
                assertEquals(n.get("sku").asText(), rs.getString(3), "the SKU is the key");
                out.add(n);
            }
        }
        return out;
    }

    private static List<JsonNode> of(List<JsonNode> events, String sku) {
        return events.stream().filter(n -> n.get("sku").asText().equals(sku)).toList();
    }

    @Test
    void eachChangeOfSellableStockIsAnEventInTheCoresOutbox() throws Exception {
        try (StockFixture f = new StockFixture(TestDatabases.pooled("h2", 4), 2)) {
            OrderStore.migrator(f.dataSource).migrate();
            OrderStore store = new OrderStore();
            CoreOrderLedger ledger = CoreOrderLedger.standalone(f.db.dialect(), store, new OrderIntake(store, new OrderJson()));
            AtomicInteger woken = new AtomicInteger();
            ledger.onCommit(woken::incrementAndGet);
            f.pusher.events(ledger);
            f.warehouse("HZ", 1);
            f.sku("A");
            f.sku("B", 0, 5, 20); // presale under 5 units, 20 offered
            f.sku("KIT");
            f.kit("KIT", "A", 2);
            f.kit("KIT", "B", 1);
            f.mapping("jd", "shop1", "jd-a", "A", 1);
            f.mapping("douyin", "s9", "dy-a", "A", 1);

            f.stock("A", "HZ", 100);
            await().atMost(Duration.ofSeconds(5)).until(() -> of(events(f), "KIT").size() == 1);
            JsonNode a = of(events(f), "A").get(0);
            assertEquals(List.of(100, false, false), List.of(a.get("sellable").asInt(), a.get("kit").asBoolean(),
                    a.get("presale").asBoolean()));
            assertEquals("{\"douyin\":100,\"jd\":100}", a.get("channels").toString(),
                    "no allocation rule: each channel that lists it is offered all of it");
            JsonNode kit = of(events(f), "KIT").get(0);
            assertEquals(List.of(0, true), List.of(kit.get("sellable").asInt(), kit.get("kit").asBoolean()), "no B yet");
            assertTrue(woken.get() >= 1, "the relay is told after the commit");

            f.pusher.resync("jd"); // A is looked at again, and nothing a consumer sees changed
            f.stock("B", "HZ", 3);
            await().atMost(Duration.ofSeconds(5)).until(() -> of(events(f), "KIT").size() == 2);
            assertEquals(1, of(events(f), "A").size(), "no event when sellable did not change");
            JsonNode b = of(events(f), "B").get(0);
            assertEquals(List.of(3, true), List.of(b.get("sellable").asInt(), b.get("presale").asBoolean()));
            assertEquals(3, of(events(f), "KIT").get(1).get("sellable").asInt(), "min(100 / 2, 3 / 1)");

            f.inventory.reserve(new ReservationRequest("o-1", "jd", List.of(new StockItem("KIT", 1)), List.of()));
            await().atMost(Duration.ofSeconds(5)).until(() -> of(events(f), "A").size() == 2
                    && of(events(f), "B").size() == 2 && of(events(f), "KIT").size() == 3);
            assertEquals(98, of(events(f), "A").get(1).get("sellable").asInt());
            assertEquals(2, of(events(f), "KIT").get(2).get("sellable").asInt());

            Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(
                    Files.readString(Path.of("../../docs/schemas/stock-change-1.json")), InputFormat.JSON);
            for (JsonNode n : events(f)) {
                assertTrue(schema.validate(n.toString(), InputFormat.JSON).isEmpty(), n + " " + schema.validate(n.toString(),
                        InputFormat.JSON));
            }
            assertTrue(!schema.validate(a.toString().replace("\"sellable\":100", "\"sellable\":-1"), InputFormat.JSON)
                    .isEmpty(), "the schema is strict enough to catch a wrong event");
        }
    }
}
