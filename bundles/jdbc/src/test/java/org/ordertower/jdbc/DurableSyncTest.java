package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * Commits on H2 share their fsync ({@link DurableSync}), and a commit is still durable when {@code commitDurably}
 * returns: a child JVM commits from eight threads, prints each row's id once its commit returned, and halts (no
 * shutdown hook, so H2 writes nothing more); every id printed must be in the file. H2's default write delay
 * (500 ms) leaves the last half second of commits in memory unless the sync wrote them.
 */
class DurableSyncTest {
    private static final int THREADS = 8;
    private static final int PER_THREAD = 150;

    @Test
    void everyCommitReturnedIsOnDiskAfterAHaltAndTheSyncsWereShared() throws Exception {
        Path dir = Files.createTempDirectory("ordertower-sync");
        String url = "jdbc:h2:file:" + dir.resolve("orders").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Writer.class.getName(), url)
                .redirectErrorStream(true).start();
        Set<Long> returned = new HashSet<>();
        long syncs = -1;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("committed ")) {
                    returned.add(Long.parseLong(line.substring(10)));
                } else if (line.startsWith("syncs ")) {
                    syncs = Long.parseLong(line.substring(6));
                } else {
                    System.out.println("writer: " + line);
                }
            }
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(THREADS * PER_THREAD, returned.size(), "the writer's commits");

        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        ds.setUser("sa");
        Set<Long> stored = new HashSet<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id FROM t")) {
            while (rs.next()) {
                stored.add(rs.getLong(1));
            }
        }
        int commits = returned.size();
        returned.removeAll(stored);
        assertEquals(Set.of(), returned, "commits that returned but are not in the file after the halt");
        assertTrue(syncs > 0 && syncs < commits * 9L / 10,
                "commits of several threads share a sync: " + syncs + " syncs for " + commits + " commits");
    }

    /** The child: eight threads each commit rows durably one by one, print each id, then the JVM halts. */
    public static final class Writer {
        public static void main(String[] args) throws Exception {
            JdbcDataSource ds = new JdbcDataSource();
            // the database stays open between connections: closing it (its last connection closed) would write all
            ds.setURL(args[0] + ";DB_CLOSE_DELAY=-1");
            ds.setUser("sa");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, note VARCHAR(100))");
            }
            Database db = new Database(ds);
            AtomicLong ids = new AtomicLong();
            Thread[] threads = new Thread[THREADS];
            for (int i = 0; i < THREADS; i++) {
                threads[i] = new Thread(() -> {
                    try {
                        for (int n = 0; n < PER_THREAD; n++) {
                            long id = ids.incrementAndGet();
                            try (Tx tx = db.begin()) {
                                PreparedStatement ps = tx.prepare("INSERT INTO t VALUES (?, ?)");
                                ps.setLong(1, id);
                                ps.setString(2, "row " + id);
                                ps.executeUpdate();
                                tx.commitDurably();
                            }
                            synchronized (System.out) {
                                System.out.println("committed " + id);
                            }
                        }
                    } catch (Exception e) {
                        e.printStackTrace(System.out);
                    }
                });
                threads[i].start();
            }
            for (Thread t : threads) {
                t.join();
            }
            System.out.println("syncs " + db.durableSync().syncs());
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
