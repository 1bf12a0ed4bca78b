package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.jms.Connection;
import javax.jms.MessageConsumer;
import javax.jms.Session;
import javax.jms.TextMessage;
import javax.sql.DataSource;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerService;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.jms.JmsComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Actor;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.internal.outbox.Alerts;
import org.ordertower.core.internal.outbox.OutboxRelay;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

/**
 * The events as consumers get them, through the outbox relay and a real ActiveMQ broker: order events, people's review
 * decisions and alerts each on their topic, and every message valid against its published JSON schema (docs/schemas,
 * shipped in the distribution's schemas/), checked with a JSON Schema validator.
 */
class EventTopicsTest {
    private static final Path SCHEMAS = Path.of("../../docs/schemas");
    private static final Map<String, String> TOPICS = Map.of("orders", "t.order.events", "review", "t.review.decisions",
            "alerts", "t.alerts", "stock", "t.stock.changes");
    private final ObjectMapper mapper = new ObjectMapper();

    private Schema schema(String file) throws Exception {
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(Files.readString(SCHEMAS.resolve(file)), InputFormat.JSON);
    }

    @Test
    void eachEventGoesToItsTopicAndMatchesItsPublishedSchema() throws Exception {
        DataSource ds = TestDatabases.of("h2");
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderJson json = new OrderJson();
        OrderIntake intake = new OrderIntake(store, json);
        BrokerService broker = EventsKit.broker("event-topics-test");
        ActiveMQConnectionFactory cf = EventsKit.connectionFactory("event-topics-test");
        DefaultCamelContext camel = new DefaultCamelContext();
        Map<String, List<JsonNode>> got = new ConcurrentHashMap<>();
        Connection connection = cf.createConnection();
        try (GroupCommitWriter writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 64, 1000, 30_000);
                Lanes lanes = Lanes.standalone("event-topics-test", 1)) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (Map.Entry<String, String> t : TOPICS.entrySet()) {
                List<JsonNode> list = new CopyOnWriteArrayList<>();
                got.put(t.getKey(), list);
                MessageConsumer c = session.createConsumer(session.createTopic(t.getValue()));
                c.setMessageListener(m -> {
                    try {
                        list.add(mapper.readTree(((TextMessage) m).getText()));
                    } catch (Exception e) {
                        list.add(mapper.createObjectNode().put("unreadable", e.toString()));
                    }
                });
            }
            camel.addComponent("jms", JmsComponent.jmsComponent(cf));
            camel.start();
            camel.addRoutes(new EventRoutes(CoreCamelComponent.EVENTS_ENDPOINT));
            ProducerTemplate producer = camel.createProducerTemplate();
            EventTopics topics = new EventTopics(TOPICS.get("orders"), TOPICS.get("review"), TOPICS.get("alerts"),
                    TOPICS.get("stock"));
            OutboxRelay relay = new OutboxRelay(db, e -> producer.sendBodyAndHeaders(CoreCamelComponent.EVENTS_ENDPOINT,
                    e.payload(), topics.headers(e)), 50, 100);
            lanes.start(OutboxRelay.ROUTE, Lanes.Schedule.busy(Duration.ofMillis(20)), relay);
            DefaultOrderService orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(),
                    () -> Set.of("own"), relay::wake);

            long id = orders.intake(EventsKit.order("EV-1"), new RawPayload("test", "application/json", "{}"), Actor.channel("own"))
                    .orderId();
            orders.transition(id, OrderStatus.IN_REVIEW, Actor.rule("price"), "70% of the base price");
            orders.transition(id, OrderStatus.READY, Actor.user("ops-li"), "the price is a promotion");
            long other = orders.intake(EventsKit.order("EV-2"), new RawPayload("test", "application/json", "{}"), Actor.channel("own"))
                    .orderId();
            orders.transition(other, OrderStatus.FROZEN, Actor.rule("blacklist"), "blacklisted buyer");
            orders.transition(other, OrderStatus.IN_REVIEW, Actor.user("lead-wang"), "known customer");
            orders.transition(other, OrderStatus.CANCELLED, Actor.user("ops-li"), "the buyer asked");
            try (Tx tx = db.begin()) {
                new Alerts(store, json).raise(tx, id, "parcel-stuck", "P-1", "no tracking event for 72 h", Instant.now());
                tx.connection().commit();
            }
            // a stock change, as the inventory adds it through the core's EventOutbox in its own transaction
            org.ordertower.core.internal.CoreOrderLedger ledger = org.ordertower.core.internal.CoreOrderLedger.standalone(
                    db.dialect(), store, intake);
            ledger.onCommit(relay::wake);
            try (Tx tx = db.begin()) {
                ledger.add(tx.connection(), "st-1", org.ordertower.core.spi.EventOutbox.STOCK_CHANGED, "SKU-1",
                        Instant.now(), "{\"eventId\":\"st-1\",\"schema\":\"stock-change/1\",\"type\":\"STOCK_CHANGED\","
                                + "\"sku\":\"SKU-1\",\"kit\":false,\"sellable\":7,\"presale\":false,"
                                + "\"channels\":{\"taobao\":7},\"changedAt\":\"2026-11-11T00:00:01Z\","
                                + "\"at\":\"2026-11-11T00:00:02Z\"}");
                tx.connection().commit();
            }
            ledger.committed();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (got.get("orders").size() < 7 || got.get("review").size() < 3
                    || got.get("alerts").isEmpty() || got.get("stock").isEmpty())) {
                Thread.sleep(50);
            }
            // 2 created + 5 status changes; the rules' moves are no decisions; one alert
            assertEquals(7, got.get("orders").size(), got.toString());
            assertEquals(List.of("APPROVED", "UNFROZEN", "REJECTED"),
                    got.get("review").stream().map(n -> n.get("decision").asText()).toList());
            JsonNode approved = got.get("review").get(0);
            assertEquals(List.of(id, "IN_REVIEW", "READY", "ops-li", "the price is a promotion"), List.of(
                    approved.get("orderId").asLong(), approved.get("from").asText(), approved.get("to").asText(),
                    approved.get("by").asText(), approved.get("reason").asText()));
            assertEquals(1, got.get("alerts").size());
            assertEquals("parcel-stuck", got.get("alerts").get(0).get("kind").asText());
            assertTrue(got.get("orders").stream().noneMatch(n -> n.get("type").asText().equals("ALERT")),
                    "alerts are on their own topic");

            assertEquals(List.of("SKU-1"), got.get("stock").stream().map(n -> n.get("sku").asText()).toList());

            Map<String, Schema> schemas = Map.of("orders", schema("order-event-1.json"), "review",
                    schema("review-decision-1.json"), "alerts", schema("alert-1.json"), "stock",
                    schema("stock-change-1.json"));
            for (Map.Entry<String, List<JsonNode>> e : got.entrySet()) {
                for (JsonNode n : e.getValue()) {
                    var errors = schemas.get(e.getKey()).validate(n.toString(), InputFormat.JSON);
                    assertTrue(errors.isEmpty(), e.getKey() + " " + n + ": " + errors);
                }
            }
            // the schemas are strict enough to catch a wrong event
            assertTrue(!schemas.get("review").validate("{\"eventId\":\"x\",\"schema\":\"review-decision/1\"}",
                    InputFormat.JSON).isEmpty());
            assertTrue(!schemas.get("orders").validate(got.get("orders").get(0).toString().replace("\"CREATED\"",
                    "\"DELETED\""), InputFormat.JSON).isEmpty());
        } finally {
            connection.close();
            camel.stop();
            broker.stop();
        }
    }
}
