package org.ordertower.core.internal.camel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.OrderQuery;
import org.ordertower.api.OrderService;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Orders over JMS against a real ActiveMQ broker and the real order service on H2: a valid order is stored and answered
 * like POST /api/v1/orders, a repeat is a duplicate, anything else lands on the dead-letter queue with its reason (and
 * the sender's reply says why), and while the database is down a message waits instead of being refused or lost.
 */
class JmsIntakeRoutesTest {
    private static final String QUEUE = "test.orders.in";
    private final ObjectMapper mapper = new ObjectMapper();
    private BrokerService broker;
    private DefaultCamelContext camel;
    private GroupCommitWriter writer;
    private Connection connection;

    static String order(String id, String extra) {
        return "{\"channel\":\"own\",\"shop\":\"s1\",\"platformOrderId\":\"" + id + "\",\"platformVersion\":1,"
                + "\"paymentStatus\":\"PAID\",\"buyer\":{\"name\":\"韩梅梅\",\"phone\":\"13912345678\"},"
                + "\"address\":{\"country\":\"CN\",\"province\":\"浙江省\",\"city\":\"杭州市\",\"detail\":\"1号\"},"
                + "\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"CUP\",\"quantity\":1,\"unitPrice\":\"7.00\","
                + "\"paidAmount\":\"7.00\"}],\"amounts\":{\"currency\":\"CNY\",\"goods\":\"7.00\",\"paid\":\"7.00\"},"
                + "\"createdAt\":\"2026-11-11T00:00:00+08:00\"" + extra + "}";
    }

    private DefaultOrderService service() throws Exception {
        return service(TestDatabases.of("h2"));
    }

    private DefaultOrderService service(DataSource ds) throws Exception {
        OrderStore.migrator(ds).migrate();
        Database db = new Database(ds);
        OrderStore store = new OrderStore();
        OrderIntake intake = new OrderIntake(store, new OrderJson());
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 64, 1000, 30_000);
        return new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("own"), () -> { });
    }

    private ProducerTemplate start(OrderService orders) throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("jms-intake-test");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.start();
        broker.waitUntilStarted();
        ActiveMQConnectionFactory cf = new ActiveMQConnectionFactory("vm://jms-intake-test?create=false");
        cf.setWatchTopicAdvisories(false);
        camel = new DefaultCamelContext();
        camel.addComponent("jms", JmsComponent.jmsComponent(cf));
        camel.start();
        camel.addRoutes(new JmsIntakeRoutes(QUEUE, orders, new OrderJson(), Clock.systemUTC()));
        connection = cf.createConnection();
        connection.start();
        return camel.createProducerTemplate();
    }

    @AfterEach
    void stop() throws Exception {
        if (connection != null) {
            connection.close();
        }
        if (camel != null) {
            camel.stop();
        }
        if (broker != null) {
            broker.stop();
            broker.waitUntilStopped();
        }
        if (writer != null) {
            writer.close();
        }
    }

    private TextMessage deadLetter() throws Exception {
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        try (MessageConsumer c = s.createConsumer(s.createQueue(JmsIntakeRoutes.deadLetters(QUEUE)))) {
            return (TextMessage) c.receive(10_000);
        } finally {
            s.close();
        }
    }

    @Test
    void anOrderIsStoredAndAnsweredARepeatIsADuplicateAndAnythingElseIsDeadLetteredWithItsReason() throws Exception {
        DefaultOrderService orders = service();
        ProducerTemplate jms = start(orders);

        JsonNode created = mapper.readTree(jms.requestBody("jms:queue:" + QUEUE, order("J-1", ""), String.class));
        assertEquals("CREATED", created.get("outcome").asText(), created.toString());
        long id = created.get("id").asLong();
        assertEquals("J-1", orders.find(id).orElseThrow().content().platformOrderId());
        JsonNode again = mapper.readTree(jms.requestBody("jms:queue:" + QUEUE, order("J-1", ""), String.class));
        assertEquals("DUPLICATE", again.get("outcome").asText());
        assertEquals(id, again.get("id").asLong());

        // a message sent and forgotten is stored as well
        jms.sendBody("jms:queue:" + QUEUE, order("J-2", ""));
        for (int i = 0; i < 100 && orders.search(OrderQuery.all()).total() < 2; i++) {
            Thread.sleep(100);
        }
        assertEquals(2, orders.search(OrderQuery.all()).total());

        // refused: the reply says why, the message waits on the dead-letter queue as it came
        String bad = order("J-3", ",\"floor\":3");
        JsonNode refused = mapper.readTree(jms.requestBody("jms:queue:" + QUEUE, bad, String.class));
        assertTrue(refused.get("error").asText().startsWith("invalid order: "), refused.toString());
        assertEquals(List.of("unknown field 'floor'"), mapper.convertValue(refused.get("problems"), List.class));
        TextMessage dead = deadLetter();
        assertNotNull(dead, "on the dead-letter queue");
        assertEquals(bad, dead.getText());
        assertTrue(dead.getStringProperty(JmsIntakeRoutes.REASON).contains("unknown field 'floor'"),
                dead.getStringProperty(JmsIntakeRoutes.REASON));
        assertEquals(1, mapper.readTree(dead.getStringProperty(JmsIntakeRoutes.PROBLEMS)).size());
        jms.sendBody("jms:queue:" + QUEUE, order("J-5", "").replace("\"quantity\":1", "\"quantity\":0"));
        assertTrue(deadLetter().getStringProperty(JmsIntakeRoutes.REASON).contains("lines[0].quantity must be at least 1"));
        assertNotNull(dead.getStringProperty(JmsIntakeRoutes.DEAD_AT));

        for (String junk : List.of("{\"channel\":", "[1,2]", "")) {
            jms.sendBody("jms:queue:" + QUEUE, junk);
            TextMessage d = deadLetter();
            assertNotNull(d, "'" + junk + "' is dead-lettered");
            assertEquals(junk, d.getText());
            assertTrue(d.getStringProperty(JmsIntakeRoutes.REASON).startsWith("invalid order: "));
        }
        String unknownChannel = order("J-4", "").replace("\"own\"", "\"nope\"");
        jms.sendBody("jms:queue:" + QUEUE, unknownChannel);
        assertTrue(deadLetter().getStringProperty(JmsIntakeRoutes.REASON).contains("unknown channel"));
        assertEquals(2, orders.search(OrderQuery.all()).total(), "nothing refused was stored");
        assertNull(deadLetter(), "one dead letter each");
    }

    @Test
    void whileTheDatabaseIsDownAnOrderWaitsAndIsStoredOnceItIsBack() throws Exception {
        DefaultOrderService real = service();
        AtomicInteger outages = new AtomicInteger(2);
        OrderService flaky = (OrderService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { OrderService.class }, (proxy, method, args) -> {
                    if (method.getName().equals("intake") && outages.getAndDecrement() > 0) {
                        throw new StoreUnavailableException("the database is not available: connection refused", null);
                    }
                    return method.invoke(real, args);
                });
        ProducerTemplate jms = start(flaky);
        JsonNode r = mapper.readTree(jms.requestBody("jms:queue:" + QUEUE, order("J-9", ""), String.class));
        assertEquals("CREATED", r.get("outcome").asText(), "stored after two failed tries (1 s, then 2 s)");
        assertEquals(1, real.search(OrderQuery.all()).total());
        assertNull(deadLetter(), "never refused for a database outage");
    }

    /**
     * The intake HTTP corpus (HostileIntakeTest: truncated JSON, wrong types, huge numbers, hostile strings, deep
     * nesting, ten megabytes...) sent to the queue: every message is either stored as an order or on the dead-letter
     * queue with its reason; none is lost, none is stored half.
     */
    @Test
    void everyHostileMessageIsStoredOrDeadLetteredWithItsReasonAndNoneIsLost() throws Exception {
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:mem:hostile-jms;DB_CLOSE_DELAY=-1"); // what is checked is the outcome, not durability
        ds.setUser("sa");
        DefaultOrderService orders = service(ds);
        ProducerTemplate jms = start(orders);
        int sent = 0;
        for (java.util.Map.Entry<String, String> c : org.ordertower.core.internal.http.HostileIntakeTest.corpus()
                .entrySet()) {
            if (c.getValue() != null && !c.getKey().startsWith("type:")) {
                jms.sendBody("jms:queue:" + QUEUE, c.getValue());
                sent++;
            }
        }
        Session s = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        int dead = 0;
        java.util.Set<String> reasons = new java.util.HashSet<>();
        try (MessageConsumer c = s.createConsumer(s.createQueue(JmsIntakeRoutes.deadLetters(QUEUE)))) {
            long stored = 0;
            long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            while (System.nanoTime() < end) {
                javax.jms.Message m = c.receive(200);
                if (m != null) {
                    dead++;
                    String reason = m.getStringProperty(JmsIntakeRoutes.REASON);
                    assertNotNull(reason, "a dead letter carries its reason");
                    reasons.add(reason.length() > 40 ? reason.substring(0, 40) : reason);
                    continue;
                }
                stored = inbox(ds); // one row for each message taken in (created, updated, duplicate or stale)
                if (stored + dead >= sent) {
                    break;
                }
            }
            assertEquals(sent, stored + dead, "taken in " + stored + " + dead-lettered " + dead + " of " + sent);
            assertTrue(dead > sent / 2, dead + " dead letters");
            assertTrue(reasons.size() > 20, "the reasons say what was wrong: " + reasons);
        } finally {
            s.close();
        }
    }

    private static long inbox(DataSource ds) throws Exception {
        try (var c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM inbox")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
