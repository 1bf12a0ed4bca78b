package org.ordertower.alerts.internal;

import java.sql.SQLException;

import org.apache.commons.dbcp2.BasicDataSource;
import org.ordertower.alerts.internal.store.AlertsSchema;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.TestDatabases;

/**
 * A fresh H2 file or PostgreSQL schema with the alerts' tables, behind a connection pool as pax-jdbc gives the
 * distribution (without one, H2 closes and reopens its file at every transaction). Close it when done.
 */
public final class Databases implements AutoCloseable {
    public final Database db;
    private final BasicDataSource pool;

    private Databases(BasicDataSource pool) throws SQLException {
        this.pool = pool;
        AlertsSchema.migrator(pool).migrate();
        this.db = new Database(pool);
    }

    public static Databases migrated(String kind) throws Exception {
        return new Databases(TestDatabases.pooled(kind, 4));
    }

    @Override
    public void close() throws SQLException {
        pool.close();
    }
}
