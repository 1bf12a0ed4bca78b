package org.ordertower.core.internal.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.jms.Connection;
import javax.jms.DeliveryMode;
import javax.jms.Destination;
import javax.jms.JMSException;
import javax.jms.JMSSecurityException;
import javax.jms.MessageConsumer;
import javax.jms.MessageProducer;
import javax.jms.Session;
import javax.jms.TemporaryQueue;
import javax.jms.TextMessage;

import org.apache.activemq.ActiveMQConnectionFactory;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.broker.BrokerService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ordertower.api.Access;
import org.ordertower.api.Access.Permission;
import org.ordertower.api.Caller;

/**
 * The JMS column of the roles table on a real broker over TCP: for each role, a user with that role alone sends to the
 * intake queue, listens to each event topic and the dead letters, and each is let through exactly when
 * {@link Permission} allows it; a send or a listener the table refuses is a {@link JMSSecurityException} naming the
 * permission. Anonymous and wrong logins are refused; the broker's own user and the node's in-JVM connections may do
 * anything.
 */
class BrokerAccessTest {
    private static final List<String> ROLES = List.of(Access.ADMIN, Access.SUPERVISOR, Access.OPERATOR, Access.REVIEWER,
            Access.VIEWER, Access.PARTNER, Access.PII);
    private static BrokerService broker;
    private static String url;

    @BeforeAll
    static void start() throws Exception {
        broker = new BrokerService();
        broker.setBrokerName("broker-access-test");
        broker.setPersistent(false);
        broker.setUseJmx(false);
        broker.addConnector("tcp://127.0.0.1:0");
        // a realm of one user per role, named only-<role>, password pw-<role>
        BrokerAccess access = new BrokerAccess((user, password) -> ROLES.stream()
                .filter(r -> user.equals("only-" + r) && password.equals("pw-" + r)).findFirst()
                .map(r -> new Caller(user, Set.of(r))), "other-node", "node-secret", JmsAccess.defaults());
        broker.setPlugins(new BrokerPlugin[] { access });
        broker.start();
        url = broker.getTransportConnectors().get(0).getPublishableConnectString();
    }

    @AfterAll
    static void stop() throws Exception {
        broker.stop();
    }

    @Test
    void everyRoleGetsWhatTheTableSays() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (String role : ROLES) {
            try (Connection c = connect("only-" + role, "pw-" + role)) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                check(wrong, role, "send to the intake queue", Permission.INTAKE, () -> send(s, s.createQueue("ordertower.orders.in")));
                check(wrong, role, "listen to order events", Permission.READ, () -> listen(s, s.createTopic("ordertower.order.events")));
                check(wrong, role, "listen to stock changes", Permission.READ, () -> listen(s, s.createTopic("ordertower.stock.changes")));
                check(wrong, role, "listen to alerts", Permission.READ, () -> listen(s, s.createTopic("ordertower.alerts")));
                check(wrong, role, "listen to review decisions", Permission.READ_REVIEW,
                        () -> listen(s, s.createTopic("ordertower.review.decisions")));
                check(wrong, role, "read the dead letters", Permission.CHANGE, () -> listen(s, s.createQueue("ordertower.orders.in.dead")));
                check(wrong, role, "publish an order event", Permission.ADMINISTER,
                        () -> send(s, s.createTopic("ordertower.order.events")));
                check(wrong, role, "take from the intake queue", Permission.ADMINISTER,
                        () -> listen(s, s.createQueue("ordertower.orders.in")));
                check(wrong, role, "use another queue", Permission.ADMINISTER, () -> send(s, s.createQueue("somewhere.else")));
                // a reply queue of one's own: any login
                TemporaryQueue reply = s.createTemporaryQueue();
                send(s, reply);
                assertNotNull(s.createConsumer(reply).receive(5000), role + " gets its own reply");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void aRefusalNamesThePermissionAndTheRolesThatHaveIt() throws Exception {
        try (Connection c = connect("only-viewer", "pw-viewer")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            JMSSecurityException e = assertThrows(JMSSecurityException.class, () -> send(s, s.createQueue("ordertower.orders.in")));
            assertTrue(e.getMessage().contains("only-viewer may not send to queue://ordertower.orders.in: taking orders in needs the role "
                    + "admin or operator or partner"), e.getMessage());
        }
    }

    @Test
    void anonymousAndWrongLoginsAreRefused() {
        assertThrows(JMSException.class, () -> connect(null, null).close(), "anonymous");
        assertThrows(JMSException.class, () -> connect("only-admin", "guess").close(), "a wrong password");
        assertThrows(JMSException.class, () -> connect("other-node", "guess").close(), "the node's user with a wrong password");
        assertThrows(JMSException.class, () -> connect("nobody", "pw-admin").close(), "an unknown user");
    }

    @Test
    void theBrokersOwnUserAndTheNodeInTheJvmMayDoAnything() throws Exception {
        try (Connection c = connect("other-node", "node-secret")) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer in = s.createConsumer(s.createQueue("ordertower.orders.in"));
            send(s, s.createTopic("ordertower.order.events"));
            send(s, s.createQueue("ordertower.orders.in"));
            assertNotNull(in.receive(5000));
        }
        ActiveMQConnectionFactory vm = new ActiveMQConnectionFactory("vm://broker-access-test?create=false");
        try (Connection c = vm.createConnection()) {
            c.start();
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer in = s.createConsumer(s.createQueue("ordertower.orders.in"));
            send(s, s.createQueue("ordertower.orders.in"));
            TextMessage m = (TextMessage) in.receive(5000);
            assertEquals("{}", m.getText());
        }
    }

    private interface Attempt {
        void run() throws JMSException;
    }

    private static void check(List<String> wrong, String role, String what, Permission p, Attempt attempt) {
        boolean allowed = p.allows(role::equals);
        try {
            attempt.run();
            if (!allowed) {
                wrong.add(role + " could " + what + ", which " + p + " does not allow it");
            }
        } catch (JMSSecurityException e) {
            if (allowed) {
                wrong.add(role + " could not " + what + " (" + e.getMessage() + "), which " + p + " allows it");
            }
        } catch (JMSException e) {
            wrong.add(role + " failed to " + what + " other than by a refusal: " + e);
        }
    }

    private static Connection connect(String user, String password) throws JMSException {
        ActiveMQConnectionFactory f = new ActiveMQConnectionFactory(url);
        f.setAlwaysSyncSend(true);
        f.setWatchTopicAdvisories(false);
        Connection c = user == null ? f.createConnection() : f.createConnection(user, password);
        try {
            c.start();
        } catch (JMSException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static void send(Session s, Destination d) throws JMSException {
        MessageProducer p = s.createProducer(d);
        try {
            p.setDeliveryMode(DeliveryMode.PERSISTENT);
            p.send(s.createTextMessage("{}"));
        } finally {
            p.close();
        }
    }

    private static void listen(Session s, Destination d) throws JMSException {
        s.createConsumer(d).close();
    }
}
