package org.ordertower.itests;

import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.AcceptAllServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.ordertower.api.Access;
import org.ordertower.api.Access.Permission;

/**
 * Walks the one roles table ({@link Access.Permission}) for every role and interface on a running node: a user with
 * that role alone calls the REST interface (Basic) and, logged in over SSH, the shell; each call must be let through
 * exactly when the table gives the role the permission (refused: 403 over HTTP, the command hidden or refused by
 * Karaf's command ACL on the shell). The web console calls the REST interface as its user, so it follows the REST
 * answers. Over JMS, the user logs in to the node's broker on TCP and sends to the intake queue, listens to the event
 * topics and the dead letters, and publishes on an event topic (refused: a {@code JMSSecurityException}).
 */
final class RolesTable {
    /** One permission tried over one interface; null where an interface offers nothing for it. */
    private record Probe(Permission permission, String method, String path, String body, String command) {
    }

    private static final String ORDER = "{\"channel\":\"own\",\"shop\":\"roles\",\"platformOrderId\":\"R-%s\","
            + "\"platformVersion\":1,\"paymentStatus\":\"PAID\",\"lines\":[{\"lineNo\":\"1\",\"channelSku\":\"S\","
            + "\"quantity\":1}],\"amounts\":{\"currency\":\"CNY\"},\"createdAt\":\"2026-11-11T00:00:00+08:00\"}";
    private static final List<Probe> PROBES = List.of(
            new Probe(Permission.READ, "GET", "/api/v1/stock/alerts", null, "stock:alerts"),
            new Probe(Permission.READ, "GET", "/api/v1/orders?size=1", null, "order:list --size 1"),
            new Probe(Permission.READ_REVIEW, "GET", "/api/v1/review", null, "review:list"),
            new Probe(Permission.INTAKE, "POST", "/api/v1/orders", ORDER, null),
            new Probe(Permission.CHANGE, "POST", "/api/v1/fulfilment/failed/999999/retry", "{}", "ship:retry 999999"),
            new Probe(Permission.CHANGE, "POST", "/api/v1/stock/NO-SUCH-SKU/receive",
                    "{\"warehouse\":\"NOPE\",\"quantity\":1,\"reference\":\"roles\"}",
                    "stock:receive NO-SUCH-SKU NOPE 1 roles"),
            new Probe(Permission.DECIDE_REVIEW, "POST", "/api/v1/review/999999/claim", "{}", "review:claim 999999"),
            new Probe(Permission.UNFREEZE, "POST", "/api/v1/review/999999/unfreeze", "{\"reason\":\"roles\"}",
                    "order:unfreeze 999999 roles"),
            new Probe(Permission.TUNE_RULES, "POST", "/api/v1/rules/no-such-pack/replay", "{}", null),
            new Probe(Permission.SEE_BUYER_DATA, null, null, null, "order:decrypt 999999"),
            new Probe(Permission.ADMINISTER, "GET", "/api/v1/tokens", null, "sim:stop no-such-simulator"));

    /** One permission tried over JMS: send to or listen on a destination ({@code queue:} or {@code topic:} name). */
    private record JmsProbe(Permission permission, boolean send, String destination) {
    }

    private static final List<JmsProbe> JMS_PROBES = List.of(
            new JmsProbe(Permission.INTAKE, true, "queue:ordertower.orders.in"),
            new JmsProbe(Permission.READ, false, "topic:ordertower.order.events"),
            new JmsProbe(Permission.READ, false, "topic:ordertower.stock.changes"),
            new JmsProbe(Permission.READ_REVIEW, false, "topic:ordertower.review.decisions"),
            new JmsProbe(Permission.CHANGE, false, "queue:ordertower.orders.in.dead"),
            new JmsProbe(Permission.ADMINISTER, true, "topic:ordertower.order.events"));

    private final String rest;
    private final int sshPort;
    private String jmsUrl;
    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> failures = new ArrayList<>();
    private int checks;

    RolesTable(String rest, int sshPort) {
        this.rest = rest;
        this.sshPort = sshPort;
    }

    void check() throws Exception {
        try (SshClient ssh = SshClient.setUpDefaultClient()) {
            ssh.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE);
            ssh.start();
            for (String role : Access.ROLES) {
                String user = TestUsers.onlyRole(role);
                for (Probe p : PROBES) {
                    boolean expected = p.permission().roles().contains(role);
                    if (p.method() != null) {
                        HttpResponse<String> r = http(user, p);
                        boolean allowed = r.statusCode() != 403 && r.statusCode() != 401;
                        verdict(role, "HTTP " + p.method() + " " + p.path(), p.permission(), expected, allowed,
                                r.statusCode() + " " + r.body());
                    }
                    if (p.command() != null) {
                        String out = shell(ssh, user, p.command());
                        boolean allowed = !out.contains("Command not found") && !out.contains("Insufficient credentials");
                        verdict(role, "shell " + p.command(), p.permission(), expected, allowed, out);
                    }
                }
                if (jmsUrl != null) {
                    jms(role, user);
                }
            }
        }
        assertTrue(checks + " checks; the roles table is not what the node does:\n  " + String.join("\n  ", failures),
                failures.isEmpty());
        assertTrue("every role and interface walked: " + checks, checks >= Access.ROLES.size()
                * (15 + (jmsUrl == null ? 0 : JMS_PROBES.size())));
    }

    /** Also walks the table over JMS, on the node's broker at {@code url}. */
    RolesTable jms(String url) {
        this.jmsUrl = url;
        return this;
    }

    private void jms(String role, String user) throws Exception {
        org.apache.activemq.ActiveMQConnectionFactory f = new org.apache.activemq.ActiveMQConnectionFactory(jmsUrl);
        f.setAlwaysSyncSend(true);
        f.setWatchTopicAdvisories(false);
        try (javax.jms.Connection c = f.createConnection(user, TestUsers.PASSWORD)) {
            c.start();
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            for (JmsProbe p : JMS_PROBES) {
                String name = p.destination().substring(p.destination().indexOf(':') + 1);
                javax.jms.Destination d = p.destination().startsWith("queue:") ? s.createQueue(name) : s.createTopic(name);
                boolean expected = p.permission().roles().contains(role);
                String answer = "done";
                boolean allowed = true;
                try {
                    if (p.send()) {
                        javax.jms.MessageProducer producer = s.createProducer(d);
                        producer.setDeliveryMode(javax.jms.DeliveryMode.PERSISTENT);
                        producer.send(s.createTextMessage(String.format(ORDER, "jms-" + user)));
                        producer.close();
                    } else {
                        s.createConsumer(d).close();
                    }
                } catch (javax.jms.JMSSecurityException e) {
                    allowed = false;
                    answer = e.getMessage();
                }
                verdict(role, "JMS " + (p.send() ? "send to " : "listen on ") + p.destination(), p.permission(), expected,
                        allowed, answer);
            }
        }
    }

    private void verdict(String role, String call, Permission p, boolean expected, boolean allowed, String answer) {
        checks++;
        if (expected != allowed) {
            failures.add(role + ": " + call + " (" + p + ") was " + (allowed ? "let through" : "refused") + ", the table "
                    + (expected ? "allows" : "refuses") + " it: " + (answer.length() > 160 ? answer.substring(0, 160)
                            : answer).replace('\n', ' '));
        }
    }

    private HttpResponse<String> http(String user, Probe p) throws Exception {
        String body = p.body() == null ? null : p.body().contains("%s") ? String.format(p.body(), user) : p.body();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(rest + p.path())).timeout(Duration.ofSeconds(30))
                .header("Authorization", TestUsers.basic(user));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(p.method(), body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** One command in a session of its own, as {@code ssh user@host command} runs it (Karaf ends the session after). */
    private String shell(SshClient ssh, String user, String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ClientSession session = ssh.connect(user, "127.0.0.1", sshPort).verify(Duration.ofSeconds(10)).getSession()) {
            session.addPasswordIdentity(TestUsers.PASSWORD);
            session.auth().verify(Duration.ofSeconds(10));
            try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(out);
            channel.setErr(out);
                channel.open().verify(Duration.ofSeconds(10));
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofSeconds(30));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
