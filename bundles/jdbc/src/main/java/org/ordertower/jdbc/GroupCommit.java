package org.ordertower.jdbc;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Durable writes of many callers in one commit. A caller's work runs inside a transaction shared with whatever other
 * callers are waiting at that moment, each under a savepoint of its own, and the caller returns once that transaction
 * committed durably: as durable as a commit of its own, at one flush for the group. Work that fails is rolled back to
 * its savepoint and its caller gets the failure; the others commit. When the commit itself fails, every caller of the
 * group gets that failure (nothing of theirs is stored).
 *
 * <p>No thread of its own: the first caller to arrive while no group is being written leads, takes everyone waiting,
 * writes them and wakes them; those who arrive meanwhile wait for the next group, led by one of them. So a lone caller
 * pays no wait, and a burst of callers shares its flushes. Thread-safe.
 */
public final class GroupCommit {
    private final Database db;
    private final int maxGroup;
    private final Runnable afterCommit;
    private final Object lock = new Object();
    private List<Entry<?>> waiting = new ArrayList<>();
    private boolean leading;
    private long commits;

    /**
     * @param maxGroup the most works one transaction takes (the rest wait for the next)
     * @param afterCommit run after each group's commit (e.g. to wake a worker)
     */
    public GroupCommit(Database db, int maxGroup, Runnable afterCommit) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be at least 1");
        }
        this.db = db;
        this.maxGroup = maxGroup;
        this.afterCommit = afterCommit;
    }

    private static final class Entry<T> {
        final Database.Work<T> work;
        T result;
        Exception failure;
        boolean done;

        Entry(Database.Work<T> work) {
            this.work = work;
        }
    }

    /** Runs {@code work} in the next group's transaction and returns its result once that committed durably. */
    public <T> T write(Database.Work<T> work) throws SQLException {
        Entry<T> mine = new Entry<>(work);
        boolean interrupted = false;
        synchronized (lock) {
            waiting.add(mine);
        }
        try {
            while (true) {
                List<Entry<?>> group;
                synchronized (lock) {
                    while (!mine.done && leading) {
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            interrupted = true; // the work is queued and will be written: wait for it
                        }
                    }
                    if (mine.done) {
                        return outcome(mine);
                    }
                    leading = true;
                    int n = Math.min(maxGroup, waiting.size());
                    group = new ArrayList<>(waiting.subList(0, n));
                    waiting = new ArrayList<>(waiting.subList(n, waiting.size()));
                }
                try {
                    writeGroup(group);
                } finally {
                    synchronized (lock) {
                        leading = false;
                        lock.notifyAll();
                    }
                }
                afterCommit.run();
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Groups committed so far. */
    public long commits() {
        synchronized (lock) {
            return commits;
        }
    }

    private void writeGroup(List<Entry<?>> group) {
        Exception failed = null;
        try (Tx tx = db.begin()) {
            try {
                for (Entry<?> e : group) {
                    run(tx, e);
                }
                tx.commitDurably();
            } catch (SQLException | RuntimeException ex) {
                tx.rollbackQuietly();
                failed = ex;
            }
        } catch (SQLException | RuntimeException ex) {
            failed = ex;
        }
        synchronized (lock) {
            for (Entry<?> e : group) {
                if (failed != null) {
                    e.failure = failed;
                    e.result = null;
                }
                e.done = true;
            }
            if (failed == null) {
                commits++;
            }
        }
    }

    private static <T> void run(Tx tx, Entry<T> e) throws SQLException {
        Savepoint sp = tx.connection().setSavepoint();
        try {
            e.result = e.work.run(tx);
            tx.connection().releaseSavepoint(sp);
        } catch (SQLException | RuntimeException ex) {
            tx.connection().rollback(sp); // this work only; the group goes on
            e.failure = ex;
        }
    }

    private static <T> T outcome(Entry<T> e) throws SQLException {
        if (e.failure instanceof SQLException s) {
            throw s;
        }
        if (e.failure instanceof RuntimeException r) {
            throw r;
        }
        return e.result;
    }
}
