package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One connection in one transaction, with its prepared statements reused across many orders. */
public final class Tx implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final boolean joined;
    /** The H2 database's shared sync (null: each commit syncs on its own, as {@link Dialect#makeDurable} does). */
    private final DurableSync sync;
    /** Statements holding rows for the next {@link #flush()}, in the order they were first given rows. */
    private final Set<PreparedStatement> pending = new LinkedHashSet<>();
    private boolean deferring;

    public Tx(Connection connection, Dialect dialect) throws SQLException {
        this(connection, dialect, null);
    }

    Tx(Connection connection, Dialect dialect, DurableSync sync) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.joined = false;
        this.sync = sync;
        connection.setAutoCommit(false);
    }

    private Tx(Connection connection, Dialect dialect, boolean joined) {
        this.connection = connection;
        this.dialect = dialect;
        this.joined = joined;
        this.sync = null;
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

    /**
     * A prepared statement for this SQL, created once per transaction; parameters are cleared. While writes are
     * deferred, a query ({@code SELECT}) first sends the writes held back, so that it reads them.
     */
    public PreparedStatement prepare(String sql) throws SQLException {
        if (!pending.isEmpty() && isQuery(sql)) {
            flush();
        }
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    /**
     * From now on in this transaction, the writes given to {@link #write} and {@link #writeBatch} are held back and
     * sent together, one JDBC batch per statement, at the next query, {@link #flush()} or commit: a group of orders
     * then costs one round trip per kind of row instead of one per row. The statements are sent in the order each was
     * first given a row, each with its rows in the order given, so this is for writes that do not read what another
     * held-back statement writes (audit rows, outbox events, an order's status, its lines replaced). A failing row
     * fails at the flush, which throws as {@code executeUpdate} would have.
     */
    public void deferWrites() {
        deferring = true;
    }

    /**
     * Executes a write now, or, while writes are deferred, adds it to its statement's batch.
     *
     * @return the rows changed, or {@link java.sql.Statement#SUCCESS_NO_INFO} when the write was held back
     */
    public int write(PreparedStatement ps) throws SQLException {
        if (!deferring) {
            return ps.executeUpdate();
        }
        ps.addBatch();
        pending.add(ps);
        return java.sql.Statement.SUCCESS_NO_INFO;
    }

    /** Executes the batch the caller added to {@code ps}, or, while writes are deferred, holds it back with the rest. */
    public void writeBatch(PreparedStatement ps) throws SQLException {
        if (!deferring) {
            ps.executeBatch();
            return;
        }
        pending.add(ps);
    }

    /** Sends the writes held back, one batch per statement, in the order each statement was first given a row. */
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try {
            for (PreparedStatement ps : pending) {
                ps.executeBatch();
            }
        } catch (java.sql.BatchUpdateException e) {
            // the first failing row's own error says what was wrong (a constraint, a value too long)
            SQLException cause = e.getNextException() != null ? e.getNextException() : e;
            throw new SQLException(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), e);
        } finally {
            pending.clear();
        }
    }

    private static boolean isQuery(String sql) {
        String s = sql.stripLeading();
        return s.length() >= 6 && s.substring(0, 6).toUpperCase(Locale.ROOT).equals("SELECT");
    }

    /**
     * Commits and then makes the commit durable (see {@link Dialect#makeDurable}); on H2, a transaction of a
     * {@link Database} shares the write and fsync with the commits of other threads that end meanwhile.
     */
    public void commitDurably() throws SQLException {
        if (joined) {
            throw new IllegalStateException("a joined transaction is committed by the bundle that opened it");
        }
        flush();
        connection.commit();
        if (sync != null) {
            sync.afterCommit(connection);
        } else {
            dialect.makeDurable(connection);
        }
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
