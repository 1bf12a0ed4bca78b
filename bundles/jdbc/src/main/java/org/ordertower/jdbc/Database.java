package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/** The data source and its dialect, opening transactions. Thread-safe. */
public final class Database {
    private final DataSource dataSource;
    private final Dialect dialect;
    /** H2's commits made durable together (null on PostgreSQL, whose commit is durable). */
    private final DurableSync sync;

    public Database(DataSource dataSource) throws SQLException {
        this.dataSource = dataSource;
        try (Connection c = dataSource.getConnection()) {
            this.dialect = Dialect.of(c);
            this.sync = dialect == Dialect.H2 ? DurableSync.of(c.getMetaData().getURL()) : null;
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The sync shared by the commits of this H2 database; null on PostgreSQL. */
    DurableSync durableSync() {
        return sync;
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
        Connection c = connect();
        c.setAutoCommit(true);
        return c;
    }

    /**
     * A connection of the pool. A database that cannot be reached or takes no connections now (PostgreSQL answers
     * "not currently accepting connections" with SQLSTATE 55000, "too many clients" with 53300) is reported as SQLSTATE
     * 08001, unable to connect, with the driver's error as the cause: every caller that retries on a lost connection
     * (class 08) then waits for the database to come back instead of taking the order's data for bad.
     */
    private Connection connect() throws SQLException {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            throw new java.sql.SQLTransientConnectionException("no connection to the database: " + e.getMessage(),
                    "08001", e);
        }
    }

    /** A new transaction; close it to return the connection (an open transaction is rolled back). */
    public Tx begin() throws SQLException {
        Connection c = connect();
        try {
            return new Tx(c, dialect, sync);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
    }
}
