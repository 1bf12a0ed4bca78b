package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void deferredWritesAreSentAtAQueryOrTheCommitInTheOrderGiven(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE head (id INTEGER PRIMARY KEY, state VARCHAR(10))");
            s.execute("CREATE TABLE line (id INTEGER, seq INTEGER, note VARCHAR(10))");
            s.execute("INSERT INTO head VALUES (1, 'NEW'), (2, 'NEW')");
            s.execute("INSERT INTO line VALUES (1, 0, 'old'), (2, 0, 'old')");
        }
        Database db = new Database(ds);
        try (Tx tx = db.begin()) {
            tx.deferWrites();
            for (int id = 1; id <= 2; id++) {
                PreparedStatement up = tx.prepare("UPDATE head SET state = ? WHERE id = ?");
                up.setString(1, "DONE");
                up.setInt(2, id);
                assertEquals(Statement.SUCCESS_NO_INFO, tx.write(up), "held back, not executed");
                PreparedStatement del = tx.prepare("DELETE FROM line WHERE id = ?");
                del.setInt(1, id);
                tx.write(del);
                PreparedStatement in = tx.prepare("INSERT INTO line VALUES (?, ?, ?)");
                for (int seq = 0; seq < 2; seq++) {
                    in.setInt(1, id);
                    in.setInt(2, seq);
                    in.setString(3, "new");
                    in.addBatch();
                }
                tx.writeBatch(in);
            }
            try (Connection other = ds.getConnection(); Statement s = other.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM line WHERE note = 'new'")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "nothing is committed before the commit");
            }
            // a query in the transaction reads what was held back
            PreparedStatement q = tx.prepare("SELECT COUNT(*) FROM line WHERE note = 'new'");
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                assertEquals(4, rs.getInt(1), "the old lines deleted before the new ones went in");
            }
            PreparedStatement up = tx.prepare("UPDATE head SET state = ? WHERE id = ?");
            up.setString(1, "AGAIN");
            up.setInt(2, 2);
            tx.write(up);
            tx.commitDurably();
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT (SELECT COUNT(*) FROM line), (SELECT COUNT(*) FROM line WHERE note = 'old'), "
                        + "(SELECT state FROM head WHERE id = 1), (SELECT state FROM head WHERE id = 2)")) {
            rs.next();
            assertEquals(4, rs.getInt(1));
            assertEquals(0, rs.getInt(2));
            assertEquals("DONE", rs.getString(3));
            assertEquals("AGAIN", rs.getString(4), "a write after the flush is sent at the commit");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aDeferredWriteThatFailsFailsTheCommitWithItsOwnErrorAndKeepsNothing(String kind) throws Exception {
        DataSource ds = TestDatabases.of(kind);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE u (id INTEGER PRIMARY KEY, note VARCHAR(5))");
        }
        Database db = new Database(ds);
        SQLException e;
        try (Tx tx = db.begin()) {
            tx.deferWrites();
            PreparedStatement in = tx.prepare("INSERT INTO u VALUES (?, ?)");
            in.setInt(1, 1);
            in.setString(2, "ok");
            tx.write(in);
            in.setInt(1, 2);
            in.setString(2, "far too long");
            tx.write(in);
            e = assertThrows(SQLException.class, tx::commitDurably);
        }
        assertTrue(e.getSQLState().startsWith("22"), "the row's own error (data too long), not the batch's: " + e.getSQLState()
                + " " + e.getMessage());
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM u")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing of the failed transaction is kept");
        }
    }
}
