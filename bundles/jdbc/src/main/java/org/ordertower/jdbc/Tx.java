package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** One connection in one transaction, with its prepared statements reused across many orders. */
public final class Tx implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final boolean joined;

    public Tx(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.joined = false;
        connection.setAutoCommit(false);
    }

    private Tx(Connection connection, Dialect dialect, boolean joined) {
        this.connection = connection;
        this.dialect = dialect;
        this.joined = joined;
    }

    /**
     * Work inside a transaction another bundle opened on {@code connection}: the caller commits, rolls back and closes
     * it; {@link #close()} closes only the statements made here.
     *
     * @throws IllegalStateException when the connection is in auto-commit mode (no transaction to join)
     */
    public static Tx join(Connection connection, Dialect dialect) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("the connection is not in a transaction (auto-commit is on)");
        }
        return new Tx(connection, dialect, true);
    }

    public Connection connection() {
        return connection;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** A prepared statement for this SQL, created once per transaction; parameters are cleared. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /** Commits and then makes the commit durable (see {@link Dialect#makeDurable}). */
    public void commitDurably() throws SQLException {
        if (joined) {
            throw new IllegalStateException("a joined transaction is committed by the bundle that opened it");
        }
        connection.commit();
        dialect.makeDurable(connection);
    }

    public void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; closing it is all that is left
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException first = null;
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException e) {
                first = first == null ? e : first;
            }
        }
        if (joined) {
            if (first != null) {
                throw first;
            }
            return;
        }
        try {
            // Never let setAutoCommit(true) commit what the caller did not: undo anything uncommitted
            // first (a no-op after commit).
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection; the pool discards it
        }
        connection.close();
        if (first != null) {
            throw first;
        }
    }
}
