package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** The data source and its dialect, opening transactions. Thread-safe. */
public final class Database {
    private final DataSource dataSource;
    private final Dialect dialect;

    public Database(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.of(c);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Work done inside one transaction. */
    public interface Work<T> {
        T run(Tx tx) throws SQLException;
    }

    /** Runs reading work in its own transaction, then ends it; on failure the transaction is rolled back. */
    public <T> T read(Work<T> work) throws SQLException {
        try (Tx tx = begin()) {
            T result = work.run(tx);
            tx.connection().commit();
            return result;
        }
    }

    /**
     * A connection of the pool kept by the caller (for a single-threaded reader that keeps its prepared
     * statements between calls), in auto-commit. The caller closes it.
     */
    public Connection connection() throws SQLException {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        return c;
    }

    /** A new transaction; close it to return the connection (an open transaction is rolled back). */
    public Tx begin() throws SQLException {
        Connection c = dataSource.getConnection();
        try {
            return new Tx(c, dialect);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
