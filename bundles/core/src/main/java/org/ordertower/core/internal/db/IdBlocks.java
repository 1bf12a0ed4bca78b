package org.ordertower.core.internal.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.ordertower.jdbc.Dialect;

/**
 * Hands out order ids from blocks of a database sequence (hi/lo), so ids are unique across nodes
 * sharing a database without one round trip per order. Thread-safe. Ids of a block not used before
 * a restart are skipped, never reused.
 */
public final class IdBlocks {
    /** Must equal the sequence's INCREMENT BY in V1__orders.sql. */
    static final int BLOCK = 50;
    private final String sequence;
    private long next;
    private long limit;

    public IdBlocks(String sequence) {
        this.sequence = sequence;
    }

    public synchronized long next(Connection c, Dialect dialect) throws SQLException {
        if (next >= limit) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(dialect.nextIdBlock(sequence))) {
                rs.next();
                next = rs.getLong(1);
                limit = next + BLOCK;
            }
        }
        return next++;
    }
}
