package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many callers' durable writes in shared commits, on both databases. */
class GroupCommitTest {

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void concurrentWritesShareCommitsAndAFailingOneTakesOnlyItselfDown(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 4);
        try (AutoCloseable closing = (AutoCloseable) ds) {
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS gc_row");
                s.execute("CREATE TABLE gc_row (id INT PRIMARY KEY, v VARCHAR(10))");
            }
            Database db = new Database(ds);
            AtomicInteger woken = new AtomicInteger();
            GroupCommit group = new GroupCommit(db, 16, woken::incrementAndGet);
            int callers = 200;
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                int id = i;
                results.add(pool.submit(() -> {
                    go.await();
                    return group.write(tx -> {
                        PreparedStatement ps = tx.prepare("INSERT INTO gc_row (id, v) VALUES (?, ?)");
                        ps.setInt(1, id % 50 == 7 ? 7 : id); // every 50th caller repeats id 7: a key violation
                        ps.setString(2, "row" + id);
                        ps.executeUpdate();
                        return id;
                    });
                }));
            }
            go.countDown();
            int failed = 0;
            for (int i = 0; i < callers; i++) {
                try {
                    assertEquals(i, results.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof SQLException, e.getCause().toString());
                    failed++;
                }
            }
            pool.shutdown();
            // ids 7, 57, 107, 157 all write id 7: one of them stores it, the other three fail alone
            assertEquals(3, failed);
            assertEquals(callers - 3, count(ds, "SELECT COUNT(*) FROM gc_row"));
            assertTrue(group.commits() < callers / 2, "commits: " + group.commits() + " for " + callers + " writes");
            assertEquals(group.commits(), woken.get());

            // a lone caller pays no wait and sees its own work's failure as it was thrown
            assertEquals("x", group.write(tx -> "x"));
            SQLException again = assertThrows(SQLException.class, () -> group.write(tx -> {
                PreparedStatement ps = tx.prepare("INSERT INTO gc_row (id, v) VALUES (1, 'dup')");
                return ps.executeUpdate();
            }));
            assertTrue(again.getSQLState().startsWith("23"), again.getSQLState());
        }
    }

    private static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
