package org.ordertower.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The drill's own parts that run without a node: its command line, the heap from the metrics, the quantiles, the
 * database outage, the shared broker and the JMS system on it.
 */
class DrillPartsTest {
    @Test
    void theSharedBrokerComesBackOnItsStoreAfterAKillAndTheJmsSystemLosesNothingOfItsOwn(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort();
        }
        try (BrokerProcess broker = BrokerProcess.start(port, dir); MessagePath messages = new MessagePath(broker.url(),
                java.util.Map.of("CUP-WHITE", new java.math.BigDecimal("39.00"), "CUP-BLUE", new java.math.BigDecimal("39.00"),
                        "TEA-LJ-250", new java.math.BigDecimal("68.00"), "TOWEL-3", new java.math.BigDecimal("45.00")))) {
            org.apache.activemq.ActiveMQConnectionFactory factory = new org.apache.activemq.ActiveMQConnectionFactory(
                    broker.url());
            publishEvent(factory, 7);
            messages.rate(20);
            waitFor(() -> messages.ordersWithEvents().contains(7L) && messages.sent().size() >= 10, "an event and 10 sends");

            broker.kill();
            Thread.sleep(1000); // a send the broker took before it fell is counted; after that, none can be
            int sentWhileDown = messages.sent().size();
            Thread.sleep(2000);
            assertEquals(sentWhileDown, messages.sent().size(), "nothing counts as sent while the broker is down");
            broker.restart();
            waitFor(() -> messages.sent().size() >= sentWhileDown + 10, "sends again after the restart");
            publishEvent(factory, 8); // the durable subscription is there again
            waitFor(() -> messages.ordersWithEvents().contains(8L), "the event published after the restart");
            messages.rate(0);
            Thread.sleep(500);

            // every order the system counts as sent is on the queue, once: kept on the broker's store through the kill
            java.util.Set<String> sent = messages.sent();
            java.util.List<String> queued = new java.util.ArrayList<>();
            try (javax.jms.Connection c = factory.createConnection()) {
                c.start();
                javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
                javax.jms.MessageConsumer consumer = s.createConsumer(s.createQueue(MessagePath.QUEUE));
                for (javax.jms.Message m = consumer.receive(3000); m != null; m = consumer.receive(1000)) {
                    String body = ((javax.jms.TextMessage) m).getText();
                    int at = body.indexOf("\"platformOrderId\":\"") + 19;
                    queued.add(body.substring(at, body.indexOf('"', at)));
                }
            }
            assertTrue(new java.util.HashSet<>(queued).containsAll(sent), "every order sent is on the queue: " + sent.size()
                    + " sent, " + queued.size() + " queued");
            // an order whose send failed with the broker gone may be on the queue as well, and is sent again: a repeat
            // the node answers DUPLICATE; the system counts it as sent once
            assertTrue(queued.size() >= sent.size());
        }
    }

    private static void publishEvent(org.apache.activemq.ActiveMQConnectionFactory factory, long orderId) throws Exception {
        try (javax.jms.Connection c = factory.createConnection()) {
            javax.jms.Session s = c.createSession(false, javax.jms.Session.AUTO_ACKNOWLEDGE);
            javax.jms.TextMessage m = s.createTextMessage("{}");
            m.setStringProperty("OrderTowerOrderId", String.valueOf(orderId));
            s.createProducer(s.createTopic(MessagePath.EVENTS)).send(m);
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    @Test
    void postgresMakesTheNodeADatabaseOfItsOwnAndPointsTheNodeAtIt() throws Exception {
        java.util.Map<String, String> cfg = Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/ordertower_drill_test?reWriteBatchedInserts=true", cfg.get("url"));
        assertEquals("postgres", cfg.get("user"));
        assertEquals("org.postgresql.Driver", cfg.get("osgi.jdbc.driver.class"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(cfg.get("url") + "&user=postgres");
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leftover (id INT)");
        }
        Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test"); // afresh: the leftover goes
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(cfg.get("url") + "&user=postgres");
                java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "leftover", null)) {
            assertTrue(!rs.next(), "a fresh database has no tables");
        }
        assertThrows(IllegalArgumentException.class, () -> Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "x; DROP"));

        // the database outage: an open connection is cut and a new one refused until the database is let back
        java.sql.Connection open = java.sql.DriverManager.getConnection(cfg.get("url") + "&user=postgres");
        assertEquals(1, Postgres.refuseConnections(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test"));
        try (open; java.sql.Statement s = open.createStatement()) {
            assertThrows(java.sql.SQLException.class, () -> s.execute("SELECT 1"), "the open connection is cut");
        }
        java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, () -> java.sql.DriverManager
                .getConnection(cfg.get("url") + "?user=postgres").close());
        assertTrue(refused.getMessage().contains("not currently accepting connections"), refused.getMessage());
        Postgres.allowConnections(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test");
        try (java.sql.Connection back = java.sql.DriverManager.getConnection(cfg.get("url") + "?user=postgres")) {
            assertTrue(back.isValid(5), "taken again");
        }
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(DrillOptions.DEFAULT_POSTGRES);
                java.sql.Statement s = c.createStatement()) {
            s.execute("DROP DATABASE ordertower_drill_test WITH (FORCE)");
        }
    }

    @Test
    void theCommandLineHasDefaultsAndRefusesNonsense() {
        DrillOptions d = DrillOptions.parse(new String[0]);
        assertEquals(120, d.normalSeconds());
        assertEquals(20, d.peakFactor());
        assertEquals(List.of("taobao", "jd", "douyin", "pdd"), d.channels());
        DrillOptions o = DrillOptions.parse(new String[] { "--peak", "30", "--rate", "600", "--channels", "jd,pdd", "--keep" });
        assertEquals(30, o.peakSeconds());
        assertEquals(600, o.rate());
        assertEquals(List.of("jd", "pdd"), o.channels());
        assertTrue(o.keep());
        assertEquals(null, o.postgres(), "H2 unless asked");
        assertEquals(DrillOptions.DEFAULT_POSTGRES, DrillOptions.parse(new String[] { "--postgres", "--keep" }).postgres());
        DrillOptions pg = DrillOptions.parse(new String[] { "--postgres", "jdbc:postgresql://db:5433/admin?user=drill&password=x" });
        assertEquals("jdbc:postgresql://db:5433/admin?user=drill&password=x", pg.postgres());
        assertEquals("jdbc:postgresql://db:5433", Postgres.server(pg.postgres()));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--anomalies", "0.9" }))
                .getMessage().contains("--anomalies must be between 0.0 and 0.5"));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--channels", "ebay" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak", "soon" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--what" }));
        assertEquals(-1, d.killAt(), "no fault unless asked");
        assertEquals(40, DrillOptions.parse(new String[] { "--peak", "120", "--kill-at", "40" }).killAt());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak", "60",
                "--kill-at", "60" })).getMessage().contains("--kill-at must be within the peak"));
        DrillOptions flaky = DrillOptions.parse(new String[] { "--fail-rate", "0.1", "--outage", "30" });
        assertEquals(0.1, flaky.failRate());
        assertEquals(30, flaky.outageSeconds());
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--fail-rate", "1.5" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak", "30", "--outage", "30" }));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--outage", "10", "--kill-at", "5" }));
        assertEquals("unavailable", flaky.faultKind(), "503s unless asked");
        assertEquals("truncated", DrillOptions.parse(new String[] { "--fail-rate", "0.2", "--fault-kind", "truncated" })
                .faultKind());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--fault-kind",
                "sideways" })).getMessage().contains("rate-limited"));
        assertEquals(30, DrillOptions.parse(new String[] { "--postgres", "--db-outage", "30" }).dbOutageSeconds());
        assertEquals(20, DrillOptions.parse(new String[] { "--broker-restart", "20" }).brokerRestartSeconds());
        assertEquals(-600, DrillOptions.parse(new String[] { "--clock-skew", "-600" }).clockSkewSeconds());
        assertEquals(600, DrillOptions.parse(new String[] { "--clock-skew", "+600" }).clockSkewSeconds());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--clock-skew",
                "10m" })).getMessage().contains("whole seconds"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--broker-restart",
                "20", "--kill-at", "5" })).getMessage().contains("drills of their own"));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--peak", "30",
                "--broker-restart", "30" }));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--db-outage",
                "30" })).getMessage().contains("give --postgres too"));
        assertThrows(IllegalArgumentException.class, () -> DrillOptions.parse(new String[] { "--postgres", "--db-outage",
                "10", "--outage", "10" }));
    }

    @Test
    void theHeapIsTheSumOfTheHeapPools() {
        String metrics = String.join("\n", "# HELP jvm_memory_used_bytes Used bytes of a given JVM memory area.",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\",} 1.048576E8",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\",} 2.097152E8",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\",} 9.0E7", "jvm_memory_bytes_used{area=\"heap\",} 5");
        assertEquals(104_857_600L + 209_715_200L + 5, Watch.heap(metrics));
    }

    @Test
    void quantilesOfSortedValues() {
        List<Long> v = List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
        assertEquals(5, Watch.quantile(v, 0.5));
        assertEquals(10, Watch.quantile(v, 0.99));
        assertEquals(-1, Watch.quantile(List.of(), 0.5));
    }

    @Test
    void aReviewReasonIsKeyedByItsFirstClause() {
        assertEquals("duplicate", Reckoning.reasonKey("duplicate: buyer b1 ordered SKU-A 3 minutes ago"));
        assertEquals("risk-basic/address-cluster", Reckoning.reasonKey("rule risk-basic/address-cluster: 6 orders, 5230.00 today"));
        assertEquals("gift GIFT-BAG on line # needs #", Reckoning.reasonKey("gift GIFT-BAG on line 4000000000000078 needs 59.00: ineligible"));
        assertEquals("(no reason)", Reckoning.reasonKey(" "));
    }
}
