package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/** The few places where H2 and PostgreSQL differ. Everything else is plain SQL both accept. */
public enum Dialect {
    H2("CLOB"),
    POSTGRESQL("TEXT");

    private final String textType;

    Dialect(String textType) {
        this.textType = textType;
    }

    public static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return H2;
        }
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new SQLException("unsupported database '" + product + "'; OrderTower runs on H2 or PostgreSQL");
    }

    /** Replaces the type placeholders of a migration script. */
    public String render(String sql) {
        return sql.replace("${text}", textType);
    }

    public String nextIdBlock(String sequence) {
        return this == H2 ? "SELECT NEXT VALUE FOR " + sequence : "SELECT nextval('" + sequence + "')";
    }

    /**
     * The isolation level (for {@link java.sql.Connection#setTransactionIsolation}) at which every query of a transaction
     * reads one snapshot of the whole database, taken at its first query: PostgreSQL's REPEATABLE READ; H2's SNAPSHOT
     * (level 6), because H2's REPEATABLE READ keeps only the rows the transaction has already read, and reads a row it
     * first meets after a concurrent commit as committed.
     */
    public int snapshotIsolation() {
        return this == H2 ? 6 : java.sql.Connection.TRANSACTION_REPEATABLE_READ;
    }

    /**
     * Makes what the last commit wrote survive a kill of the JVM and a crash of the machine. H2 keeps
     * committed pages in memory for up to WRITE_DELAY ms; {@code CHECKPOINT SYNC} writes them and calls
     * fsync. PostgreSQL's commit is already durable with synchronous_commit on, so this is a no-op there.
     */
    public void makeDurable(Connection c) throws SQLException {
        if (this == H2) {
            try (Statement s = c.createStatement()) {
                s.execute("CHECKPOINT SYNC");
            }
        }
    }
}
