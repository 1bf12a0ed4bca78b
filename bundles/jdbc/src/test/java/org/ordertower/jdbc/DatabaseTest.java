package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL database that stops taking connections (as in a failover): the pool's failure to connect is
 * reported as SQLSTATE 08001 (unable to connect) with the server's answer as the cause, whatever SQLSTATE the server
 * gave (55000 here), so that the callers that wait for a lost database wait for this one too; once it takes
 * connections again, so does the pool.
 */
class DatabaseTest {
    private static final String ADMIN = System.getProperty("ordertower.test.pg.admin",
            "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    private static final String NAME = "ordertower_connect_test";

    @Test
    void aDatabaseRefusingConnectionsIsUnableToConnectAndComesBack() throws Exception {
        admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        admin("CREATE DATABASE " + NAME);
        try (BasicDataSource pool = new BasicDataSource()) {
            pool.setUrl(ADMIN.substring(0, ADMIN.lastIndexOf('/') + 1) + NAME);
            pool.setUsername("postgres");
            pool.setMaxTotal(2);
            Database db = new Database(pool);
            assertEquals(1, (int) db.read(tx -> 1));

            admin("ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS false");
            admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + NAME + "'");
            SQLException e = assertThrows(SQLException.class, () -> db.read(tx -> {
                try (Statement s = tx.connection().createStatement()) {
                    return s.execute("SELECT 1");
                }
            }));
            // a connection cut while pooled fails with 08006/57P01 on its first use; a new one is refused (55000)
            SQLException refused = assertThrows(SQLException.class, db::begin);
            assertEquals("08001", refused.getSQLState(), refused.toString());
            assertTrue(String.valueOf(refused.getMessage()).contains("not currently accepting connections"),
                    refused.getMessage());
            assertTrue(refused.getCause() instanceof SQLException, "the driver's error is the cause");
            assertTrue(e.getSQLState() != null, e.toString());

            admin("ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS true");
            assertEquals(2, (int) db.read(tx -> 2));
        } finally {
            admin("ALTER DATABASE " + NAME + " WITH ALLOW_CONNECTIONS true");
            admin("DROP DATABASE IF EXISTS " + NAME + " WITH (FORCE)");
        }
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
