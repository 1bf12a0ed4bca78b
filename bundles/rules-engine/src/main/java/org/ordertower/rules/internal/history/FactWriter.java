package org.ordertower.rules.internal.history;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.history.OrderHistory.Key;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Stores facts in {@code screen_fact}: at once (memory off), or queued for a writer thread that stores them in batches. */
final class FactWriter {
    private static final int WRITE_BATCH = 500;
    /** Pending versions in memory: above every seq of the table, in the order they were recorded. */
    private static final long PENDING = Long.MAX_VALUE / 2;

    private final Logger logger = LoggerFactory.getLogger(FactWriter.class);
    private final Database db;
    private final String node;
    /** The history's closed flag: set when it closes, and by the writer thread when interrupted. */
    private final AtomicBoolean closed;
    /** The facts in memory, which take the versions of the stored facts; null when memory is off or failed. */
    private final Supplier<RecentFacts> memory;

    private final Object writeLock = new Object();
    /** Guarded by writeLock: the facts to store, oldest first (the writer removes them once stored). */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long pendingCount;
    private long enqueued;
    private long written;
    private Thread writer;
    private final Object storeLock = new Object();
    /** Guarded by storeLock: a connection kept for recording, with its two statements prepared once. */
    private Connection writeConnection;
    private PreparedStatement deleteFact;
    private PreparedStatement insertFact;

    /** A fact to store; {@code version} is its pending version in memory (0 with memory off). */
    record Pending(long orderId, long at, String[] hex, BigDecimal paid, String items, long version) {
        Pending pending(long v) {
            return new Pending(orderId, at, hex, paid, items, v);
        }
    }

    FactWriter(Database db, String node, AtomicBoolean closed, Supplier<RecentFacts> memory) {
        this.db = db;
        this.node = node;
        this.closed = closed;
        this.memory = memory;
    }

    /** Stores the fact in its own transaction (memory off). */
    void writeNow(Pending fact) {
        synchronized (storeLock) {
            try {
                write(fact);
                writeConnection.commit();
            } catch (SQLException e) {
                closeConnection();
                throw new StoreUnavailableException("cannot record the screened order: " + e.getMessage(), e);
            }
        }
    }

    /**
     * The fact with its pending version in memory, once there is room in the queue for it.
     *
     * @throws StoreUnavailableException when {@link OrderHistory#MAX_QUEUED} facts wait for the table
     */
    Pending reserve(Pending fact) {
        synchronized (writeLock) {
            if (queue.size() >= OrderHistory.MAX_QUEUED) {
                throw new StoreUnavailableException("cannot record the screened order: " + OrderHistory.MAX_QUEUED
                        + " screened orders wait for the table already", null);
            }
            return fact.pending(PENDING + ++pendingCount);
        }
    }

    /** Queues a {@link #reserve reserved} fact for the writer thread, starting it if need be. */
    void enqueue(Pending fact) {
        synchronized (writeLock) {
            queue.addLast(fact);
            enqueued++;
            if (writer == null && !closed.get()) {
                writer = new Thread(this::writeBehind, "ordertower-rules-history-writer");
                writer.setDaemon(true);
                writer.start();
            }
            writeLock.notifyAll();
        }
    }

    /**
     * DELETE and INSERT of one fact on the write connection, in its open transaction; returns the row's
     * seq. The caller holds storeLock.
     */
    private long write(Pending f) throws SQLException {
        if (writeConnection == null) {
            writeConnection = db.connection();
            writeConnection.setAutoCommit(false);
            deleteFact = writeConnection.prepareStatement("DELETE FROM screen_fact WHERE order_id = ?");
            insertFact = writeConnection.prepareStatement("INSERT INTO screen_fact (order_id, placed_at, buyer_key, "
                    + "address_key, phone_key, paid, items, device_key, ip_key, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
        }
        deleteFact.setLong(1, f.orderId());
        deleteFact.executeUpdate();
        PreparedStatement ps = insertFact;
        ps.setLong(1, f.orderId());
        ps.setObject(2, RecentFacts.instant(f.at()).atOffset(ZoneOffset.UTC));
        ps.setString(3, f.hex()[Key.BUYER.ordinal()]);
        ps.setString(4, f.hex()[Key.ADDRESS.ordinal()]);
        ps.setString(5, f.hex()[Key.PHONE.ordinal()]);
        ps.setBigDecimal(6, f.paid());
        ps.setString(7, f.items());
        ps.setString(8, f.hex()[Key.DEVICE.ordinal()]);
        ps.setString(9, f.hex()[Key.IP.ordinal()]);
        ps.setString(10, node);
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            return keys.next() ? keys.getLong("seq") : 0;
        }
    }

    /**
     * The writer thread: stores the queued facts, up to {@link #WRITE_BATCH} a transaction, in order,
     * then gives memory their versions. A failing database is tried again every second (the facts wait);
     * a fact the table refuses (another node stored the same order at the same moment) is dropped.
     */
    private void writeBehind() {
        long failures = 0;
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (writeLock) {
                while (queue.isEmpty() && !closed.get()) {
                    try {
                        writeLock.wait();
                    } catch (InterruptedException e) {
                        closed.set(true);
                    }
                }
                if (queue.isEmpty()) {
                    writer = null;
                    writeLock.notifyAll();
                    return;
                }
                for (Pending f : queue) {
                    batch.add(f);
                    if (batch.size() == WRITE_BATCH) {
                        break;
                    }
                }
            }
            long[] seqs = new long[batch.size()];
            boolean[] refused = new boolean[batch.size()];
            try {
                writeBatch(batch, seqs, refused);
                failures = 0;
            } catch (SQLException e) {
                if (failures++ == 0) {
                    logger.warn("Cannot store screened orders in the table ({}); {} wait, trying again every second",
                            e.getMessage(), queue.size());
                }
                try {
                    Thread.sleep(closed.get() && failures > 5 ? 0 : 1000);
                } catch (InterruptedException stop) {
                    closed.set(true);
                }
                if (!(closed.get() && failures > 5)) {
                    continue;
                }
                logger.warn("Stopping with {} screened orders not stored in the table", queue.size());
                Arrays.fill(refused, true);
            }
            synchronized (writeLock) {
                for (int i = 0; i < batch.size(); i++) {
                    queue.removeFirst();
                }
                written += batch.size();
                writeLock.notifyAll();
            }
            RecentFacts r = memory.get();
            for (int i = 0; i < batch.size(); i++) {
                if (r != null) {
                    // a refused fact keeps no version: the next row of its order from the table replaces it
                    r.confirm(batch.get(i).orderId(), batch.get(i).version(), refused[i] ? 0 : seqs[i]);
                }
            }
        }
    }

    private void writeBatch(List<Pending> batch, long[] seqs, boolean[] refused) throws SQLException {
        synchronized (storeLock) {
            writeBatchLocked(batch, seqs, refused);
        }
    }

    private void writeBatchLocked(List<Pending> batch, long[] seqs, boolean[] refused) throws SQLException {
        try {
            for (int i = 0; i < batch.size(); i++) {
                seqs[i] = write(batch.get(i));
            }
            writeConnection.commit();
        } catch (SQLException e) {
            closeConnection();
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // an integrity violation: one transaction per fact, dropping those refused
            for (int i = 0; i < batch.size(); i++) {
                try {
                    seqs[i] = write(batch.get(i));
                    writeConnection.commit();
                } catch (SQLException one) {
                    closeConnection();
                    if (one.getSQLState() == null || !one.getSQLState().startsWith("23")) {
                        throw one;
                    }
                    refused[i] = true;
                    logger.warn("The table refused the screened order {}: {}", batch.get(i).orderId(), one.getMessage());
                }
            }
        }
    }

    /** Waits until every fact queued so far is in the table. */
    void flush() {
        synchronized (writeLock) {
            long target = enqueued;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written < target && writer != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreUnavailableException("the screened orders of the last 30 s are not stored in the table yet", null);
                }
                try {
                    writeLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted while waiting for the table", e);
                }
            }
        }
    }

    /** Whether facts wait for the table. */
    boolean queued() {
        synchronized (writeLock) {
            return written < enqueued;
        }
    }

    /** Wakes the writer thread (the history is closed) and waits up to 10 s while it stores what is queued. */
    void stop() {
        Thread w;
        synchronized (writeLock) {
            w = writer;
            writeLock.notifyAll();
        }
        if (w != null) {
            try {
                w.join(10_000); // stores what is queued
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Gives the write connection back to the pool, rolling back what it has not committed. */
    void closeConnection() {
        synchronized (storeLock) {
            if (writeConnection != null) {
                try {
                    writeConnection.rollback();
                    writeConnection.setAutoCommit(true);
                } catch (SQLException e) {
                    // broken: the pool discards it
                }
                try {
                    writeConnection.close();
                } catch (SQLException e) {
                    // broken already
                }
                writeConnection = null;
                deleteFact = null;
                insertFact = null;
            }
        }
    }
}
