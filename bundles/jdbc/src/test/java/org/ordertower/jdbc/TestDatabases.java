package org.ordertower.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.commons.dbcp2.BasicDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/** Real databases for tests: an H2 file in a temp dir, and a fresh schema on the local PostgreSQL. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static DataSource h2() throws Exception {
        Path dir = Files.createTempDirectory("ordertower-h2");
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath());
        ds.setUser("sa");
        return ds;
    }

    /** A new schema on the PostgreSQL named by -Dordertower.test.pg.url (default the local `test` db). */
    public static DataSource postgres() throws Exception {
        String url = System.getProperty("ordertower.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        // named with the day, so that schemas of days before yesterday are dropped (once per JVM) and
        // the test database does not fill up with old runs
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
        String schema = "ot" + day + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        admin.setUser(System.getProperty("ordertower.test.pg.user", "postgres"));
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            if (!cleaned) { // a day's margin: a run going past midnight keeps its schemas
                dropSchemasBefore(s, java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1)
                        .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
                cleaned = true;
            }
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(admin.getUser());
        ds.setCurrentSchema(schema);
        return ds;
    }

    private static volatile boolean cleaned;

    /** Drops the test schemas of days before {@code day} (and those of the older unnamed kind). */
    private static void dropSchemasBefore(Statement s, String day) throws java.sql.SQLException {
        java.util.List<String> old = new java.util.ArrayList<>();
        try (java.sql.ResultSet rs = s.executeQuery("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'ot%\\_%'")) {
            while (rs.next()) {
                String n = rs.getString(1);
                String d = n.matches("ot\\d{8}_[0-9a-f]{12}") ? n.substring(2, 10) : n.matches("ot_[0-9a-f]{12}") ? "0" : null;
                if (d != null && d.compareTo(day) < 0) {
                    old.add(n);
                }
            }
        }
        for (String n : old) {
            try {
                s.execute("DROP SCHEMA " + n + " CASCADE");
            } catch (java.sql.SQLException inUse) {
                // another test JVM is using it right now; the next run drops it
            }
        }
    }

    public static DataSource of(String kind) throws Exception {
        return kind.equals("h2") ? h2() : postgres();
    }

    /**
     * A connection pool over {@link #of}, as pax-jdbc gives the distribution: for tests whose many
     * threads would otherwise open a connection per transaction. Close it when done.
     */
    public static BasicDataSource pooled(String kind, int maxConnections) throws Exception {
        BasicDataSource pool = new BasicDataSource();
        if (kind.equals("h2")) {
            Path dir = Files.createTempDirectory("ordertower-h2");
            // benchmarks pass the distribution's H2 settings with -Dordertower.h2.options=";CACHE_SIZE=..."
            pool.setUrl("jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath() + ";LOCK_TIMEOUT=20000"
                    + System.getProperty("ordertower.h2.options", ""));
            pool.setUsername("sa");
        } else {
            PGSimpleDataSource pg = (PGSimpleDataSource) postgres();
            // benchmarks pass the distribution's PostgreSQL settings with -Dordertower.pg.options="&reWriteBatchedInserts=true"
            pool.setUrl(pg.getURL() + "?currentSchema=" + pg.getCurrentSchema() + System.getProperty("ordertower.pg.options", ""));
            pool.setUsername(pg.getUser());
        }
        pool.setMaxTotal(maxConnections);
        pool.setMaxIdle(maxConnections);
        // as etc/org.ops4j.datasource-ordertower.cfg: each connection keeps the statements it prepared
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(256);
        return pool;
    }
}
