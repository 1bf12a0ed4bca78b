package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

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
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ordertower.api.Actor;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.core.internal.CoreOrderLedger;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.internal.outbox.OutboxRelay;
import org.ordertower.core.spi.EventOutbox;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lanes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The events on Kafka as a consumer reads them: the core's outbox relay and event route (Camel's Kafka component)
 * against a real Kafka broker in KRaft mode, read with a real Kafka consumer. Every event the JMS topics carry is on
 * the Kafka topic of the same name; an order's events are keyed by its id, so they sit in one partition in the order
 * they were committed; stock changes are keyed by SKU; the event id travels in a header for deduplication. While
 * Kafka is down the relay holds the events in the outbox; when it is back, every one of them arrives.
 */
class KafkaEventsTest {
    private static final String ORDERS = "t.order.events";
    private static final String REVIEW = "t.review.decisions";
    private static final String ALERTS = "t.alerts";
    private static final String STOCK = "t.stock.changes";
    private static final List<String> TOPICS = List.of(ORDERS, REVIEW, ALERTS, STOCK);
    private final ObjectMapper mapper = new ObjectMapper();

    /** A record as the consumer got it. */
    private record Got(String topic, int partition, long offset, String key, String eventIdHeader, JsonNode value) {
    }

    @Test
    void everyEventReachesKafkaKeyedAndInOrderAndNoneIsLostWhileKafkaIsDown(@TempDir Path dir) throws Exception {
        DataSource ds = TestDatabases.of("h2");
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderJson json = new OrderJson();
        OrderIntake intake = new OrderIntake(store, json);
        BrokerService jmsBroker = EventsKit.broker("kafka-events-test");
        ActiveMQConnectionFactory cf = EventsKit.connectionFactory("kafka-events-test");
        Map<String, Set<String>> onJms = new ConcurrentHashMap<>();
        DefaultCamelContext camel = new DefaultCamelContext();
        Connection connection = cf.createConnection();
        try (KraftBroker kafka = new KraftBroker(dir);
                GroupCommitWriter writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 64, 1000, 30_000);
                Lanes lanes = Lanes.standalone("kafka-events-test", 1)) {
            kafka.start();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrap()))) {
                admin.createTopics(TOPICS.stream().map(t -> new NewTopic(t, 3, (short) 1)).toList()).all().get();
            }
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String t : TOPICS) {
                Set<String> ids = ConcurrentHashMap.newKeySet();
                onJms.put(t, ids);
                MessageConsumer c = session.createConsumer(session.createTopic(t));
                c.setMessageListener(m -> {
                    try {
                        ids.add(mapper.readTree(((TextMessage) m).getText()).get("eventId").asText());
                    } catch (Exception e) {
                        ids.add("unreadable: " + e);
                    }
                });
            }
            camel.addComponent("jms", JmsComponent.jmsComponent(cf));
            camel.start();
            // short timeouts, so that a broker that is down is noticed in seconds rather than minutes
            camel.addRoutes(new EventRoutes(CoreCamelComponent.EVENTS_ENDPOINT, EventRoutes.kafkaParameters(kafka.bootstrap(),
                    "requestTimeoutMs=2000&deliveryTimeoutMs=4000&maxBlockMs=2000")));
            ProducerTemplate producer = camel.createProducerTemplate();
            EventTopics topics = new EventTopics(ORDERS, REVIEW, ALERTS, STOCK);
            OutboxRelay relay = new OutboxRelay(db, e -> producer.sendBodyAndHeaders(CoreCamelComponent.EVENTS_ENDPOINT,
                    e.payload(), topics.headers(e)), 50, 100);
            lanes.start(OutboxRelay.ROUTE, Lanes.Schedule.busy(Duration.ofMillis(20)), relay);
            DefaultOrderService orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(),
                    () -> Set.of("own"), relay::wake);
            CoreOrderLedger ledger = CoreOrderLedger.standalone(db.dialect(), store, intake);
            ledger.onCommit(relay::wake);

            List<Got> got = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = consumer(kafka.bootstrap())) {
                consumer.subscribe(TOPICS);
                List<Long> ids = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ids.add(orderWithReview(orders, "K-" + i));
                }
                stockChange(db, ledger, "st-1", "SKU-1", 7);
                stockChange(db, ledger, "st-2", "SKU-1", 5);
                until(consumer, got, Duration.ofSeconds(60), () -> sameIds(onJms, got) && onJms.get(ORDERS).size() == 60);

                kafka.stop();
                for (int i = 20; i < 30; i++) {
                    ids.add(orderWithReview(orders, "K-" + i));
                }
                stockChange(db, ledger, "st-3", "SKU-2", 1);
                Thread.sleep(3_000);
                assertTrue(outboxRows(db) > 0, "while Kafka is down the events wait in the outbox");
                kafka.start();
                until(consumer, got, Duration.ofSeconds(120), () -> onJms.get(ORDERS).size() == 90 && sameIds(onJms, got));
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (outboxRows(db) > 0 && System.nanoTime() < end) {
                    Thread.sleep(50); // the relay takes a batch off the outbox once all of it is published
                }
                assertEquals(0, outboxRows(db), "every event was published and taken off the outbox");
                assertEquals(30, ids.size());
            }

            assertEquals(Set.of(ORDERS, REVIEW, STOCK), onJmsTopicsUsed(onJms));
            Map<String, Integer> partitionOf = new HashMap<>();
            Map<String, Integer> lastRevision = new HashMap<>();
            for (Got g : got) {
                assertEquals(g.value().get("eventId").asText(), g.eventIdHeader(), "the event id is a header too");
                if (g.topic().equals(STOCK)) {
                    assertEquals(g.value().get("sku").asText(), g.key(), "a stock change is keyed by SKU");
                    continue;
                }
                assertEquals(g.value().get("orderId").asText(), g.key(), "an order's events are keyed by its id");
                Integer p = partitionOf.putIfAbsent(g.topic() + "/" + g.key(), g.partition());
                assertTrue(p == null || p == g.partition(), "one order's events are in one partition: " + g);
                if (g.topic().equals(ORDERS)) {
                    int revision = g.value().get("revision").asInt();
                    Integer last = lastRevision.put(g.key(), revision);
                    assertTrue(last == null || last <= revision, "an order's events in the order they were committed (a "
                            + "repeat after a failure is allowed): " + last + " then " + revision + " for order " + g.key());
                }
            }
            assertTrue(new TreeSet<>(partitionOf.values()).size() > 1, "the orders spread over the partitions");
        } finally {
            connection.close();
            camel.stop();
            jmsBroker.stop();
        }
    }

    /** An order taken in, held by a rule and approved by a person: three order events and one review decision. */
    private static long orderWithReview(DefaultOrderService orders, String platformId) {
        long id = orders.intake(EventsKit.order(platformId), new RawPayload("test", "application/json", "{}"), Actor.channel("own"))
                .orderId();
        orders.transition(id, OrderStatus.IN_REVIEW, Actor.rule("price"), "70% of the base price");
        orders.transition(id, OrderStatus.READY, Actor.user("ops-li"), "the price is a promotion");
        return id;
    }

    private static void stockChange(Database db, CoreOrderLedger ledger, String id, String sku, int sellable)
            throws Exception {
        try (Tx tx = db.begin()) {
            ledger.add(tx.connection(), id, EventOutbox.STOCK_CHANGED, sku, Instant.now(), "{\"eventId\":\"" + id
                    + "\",\"schema\":\"stock-change/1\",\"type\":\"STOCK_CHANGED\",\"sku\":\"" + sku + "\",\"kit\":false,"
                    + "\"sellable\":" + sellable + ",\"presale\":false,\"channels\":{},\"changedAt\":\"" + Instant.now()
                    + "\",\"at\":\"" + Instant.now() + "\"}");
            tx.connection().commit();
        }
        ledger.committed();
    }

    private static KafkaConsumer<String, String> consumer(String bootstrap) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "kafka-events-test");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private void until(KafkaConsumer<String, String> consumer, List<Got> got, Duration timeout, BooleanSupplier done)
            throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "Kafka did not get every event in time: " + got.size() + " records");
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                Header h = r.headers().lastHeader("OrderTowerEventId");
                got.add(new Got(r.topic(), r.partition(), r.offset(), r.key(),
                        h == null ? null : new String(h.value(), StandardCharsets.UTF_8), mapper.readTree(r.value())));
            }
        }
    }

    /** Kafka has every event id each JMS topic got, on the topic of the same name, and nothing else. */
    private static boolean sameIds(Map<String, Set<String>> onJms, List<Got> got) {
        Map<String, Set<String>> onKafka = new HashMap<>();
        for (String t : TOPICS) {
            onKafka.put(t, new java.util.HashSet<>());
        }
        for (Got g : got) {
            onKafka.get(g.topic()).add(g.value().get("eventId").asText());
        }
        return onJms.equals(onKafka);
    }

    private static Set<String> onJmsTopicsUsed(Map<String, Set<String>> onJms) {
        Set<String> used = new TreeSet<>();
        onJms.forEach((t, ids) -> {
            if (!ids.isEmpty()) {
                used.add(t);
            }
        });
        return used;
    }

    private static long outboxRows(Database db) throws Exception {
        try (Tx tx = db.begin(); ResultSet rs = tx.prepare("SELECT COUNT(*) FROM outbox").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
