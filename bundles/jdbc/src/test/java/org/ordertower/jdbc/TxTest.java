package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.jdbc.TestDatabases;

class TxTest {
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void closingWithoutCommitKeepsNothing(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (x INTEGER)");
        }
        Database db = new Database(ds);
        try (Tx tx = db.begin()) {
            tx.prepare("INSERT INTO t VALUES (1)").executeUpdate();
            // no commit: an exception left this block
        }
        try (Tx tx = db.begin()) {
            tx.prepare("INSERT INTO t VALUES (2)").executeUpdate();
            tx.commitDurably();
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(x) FROM t")) {
            rs.next();
            assertEquals(1, rs.getInt(1), "the uncommitted row must not survive close()");
            assertEquals(2, rs.getInt(2));
        }
    }
}
