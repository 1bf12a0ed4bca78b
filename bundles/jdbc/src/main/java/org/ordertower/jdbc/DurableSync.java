package org.ordertower.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes commits to one H2 database durable together: a group commit of the fsync. H2 holds committed pages in
 * memory, and {@code CHECKPOINT SYNC} (on any connection) writes every page committed so far and calls fsync. So a
 * commit that ended before a sync began is durable once that sync returns, whoever ran it. Each committer takes a
 * ticket after its commit; one thread at a time syncs, and a thread that finds its ticket covered by the sync it
 * waited for returns without syncing again. Under load, the commits of many threads (the pipeline, intake, the
 * fulfilment lanes, the warehouses' reports) share one write and one fsync instead of queueing one each.
 *
 * <p>A failed sync covers nothing: its caller gets the error, and each waiting thread runs a sync of its own.
 * One instance per database (its JDBC URL), shared by every {@link Database} of it in the JVM. Thread-safe.
 */
final class DurableSync {
    private static final Map<String, DurableSync> BY_URL = new ConcurrentHashMap<>();

    /** Commits that have ended (tickets given out). */
    private final AtomicLong committed = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    /** Every ticket up to this one is durable; guarded by {@link #lock}. */
    private long synced;
    /** Syncs run (for tests). */
    private final AtomicLong syncs = new AtomicLong();

    static DurableSync of(String url) {
        return BY_URL.computeIfAbsent(url, u -> new DurableSync());
    }

    /** Called after {@code c} committed: returns once that commit is durable. */
    void afterCommit(Connection c) throws SQLException {
        long mine = committed.incrementAndGet();
        lock.lock();
        try {
            if (synced >= mine) {
                return;
            }
            long upTo = committed.get(); // each of these commits ended before the sync below begins
            Dialect.H2.makeDurable(c);
            syncs.incrementAndGet();
            synced = upTo;
        } finally {
            lock.unlock();
        }
    }

    long syncs() {
        return syncs.get();
    }
}
