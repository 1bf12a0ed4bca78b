package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
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
            "alerts", "t.alerts");
    private final ObjectMapper mapper = new ObjectMapper();

    private static NormalizedOrder order(String id) {
        return new NormalizedOrder("own", "main", id, 1, "PAID", PaymentStatus.PAID, new Buyer("张三", "13812345678", "b1"),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "1号", "310012"),
                List.of(new OrderLine("1", "SKU-1", null, "tee", 1, BigDecimal.TEN, BigDecimal.TEN, false, null)),
                new Amounts("CNY", BigDecimal.TEN, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.TEN),
                Instant.parse("2026-11-11T00:00:01Z"), null, Instant.ofEpochMilli(1), null, null, List.of());
    }

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
        BrokerService broker = new BrokerService();
        broker.setBrokerName("event-topics-test");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.start();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://event-topics-test?create=false");
        cf.setWatchTopicAdvisories(false);
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
            EventTopics topics = new EventTopics(TOPICS.get("orders"), TOPICS.get("review"), TOPICS.get("alerts"));
            OutboxRelay relay = new OutboxRelay(db, e -> producer.sendBodyAndHeaders(CoreCamelComponent.EVENTS_ENDPOINT,
                    e.payload(), topics.headers(e)), 50, 100);
            lanes.start(OutboxRelay.ROUTE, Lanes.Schedule.busy(Duration.ofMillis(20)), relay);
            DefaultOrderService orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(),
                    () -> Set.of("own"), relay::wake);

            long id = orders.intake(order("EV-1"), new RawPayload("test", "application/json", "{}"), Actor.channel("own"))
                    .orderId();
            orders.transition(id, OrderStatus.IN_REVIEW, Actor.rule("price"), "70% of the base price");
            orders.transition(id, OrderStatus.READY, Actor.user("ops-li"), "the price is a promotion");
            long other = orders.intake(order("EV-2"), new RawPayload("test", "application/json", "{}"), Actor.channel("own"))
                    .orderId();
            orders.transition(other, OrderStatus.FROZEN, Actor.rule("blacklist"), "blacklisted buyer");
            orders.transition(other, OrderStatus.IN_REVIEW, Actor.user("lead-wang"), "known customer");
            orders.transition(other, OrderStatus.CANCELLED, Actor.user("ops-li"), "the buyer asked");
            try (Tx tx = db.begin()) {
                new Alerts(store, json).raise(tx, id, "parcel-stuck", "P-1", "no tracking event for 72 h", Instant.now());
                tx.connection().commit();
            }
            relay.wake();

            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline && (got.get("orders").size() < 7 || got.get("review").size() < 3
                    || got.get("alerts").isEmpty())) {
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

            Map<String, Schema> schemas = Map.of("orders", schema("order-event-1.json"), "review",
                    schema("review-decision-1.json"), "alerts", schema("alert-1.json"));
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
