package org.ordertower.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The drill's own parts that run without a node: its command line, the heap from the metrics, the quantiles. */
class DrillPartsTest {
    @Test
    void postgresMakesTheNodeADatabaseOfItsOwnAndPointsTheNodeAtIt() throws Exception {
        java.util.Map<String, String> cfg = Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test");
        assertEquals("jdbc:postgresql://127.0.0.1:5432/ordertower_drill_test", cfg.get("url"));
        assertEquals("postgres", cfg.get("user"));
        assertEquals("org.postgresql.Driver", cfg.get("osgi.jdbc.driver.class"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(cfg.get("url") + "?user=postgres");
                java.sql.Statement s = c.createStatement()) {
            s.execute("CREATE TABLE leftover (id INT)");
        }
        Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "ordertower_drill_test"); // afresh: the leftover goes
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(cfg.get("url") + "?user=postgres");
                java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "leftover", null)) {
            assertTrue(!rs.next(), "a fresh database has no tables");
        }
        assertThrows(IllegalArgumentException.class, () -> Postgres.fresh(DrillOptions.DEFAULT_POSTGRES, "x; DROP"));

        // the database outage: an open connection is cut and a new one refused until the database is let back
        java.sql.Connection open = java.sql.DriverManager.getConnection(cfg.get("url") + "?user=postgres");
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
