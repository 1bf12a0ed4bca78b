package org.ordertower.core.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

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
        String schema = "ot_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        PGSimpleDataSource admin = new PGSimpleDataSource();
        admin.setURL(url);
        admin.setUser(System.getProperty("ordertower.test.pg.user", "postgres"));
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setUser(admin.getUser());
        ds.setCurrentSchema(schema);
        return ds;
    }

    public static DataSource of(String kind) throws Exception {
        return kind.equals("h2") ? h2() : postgres();
    }
}
