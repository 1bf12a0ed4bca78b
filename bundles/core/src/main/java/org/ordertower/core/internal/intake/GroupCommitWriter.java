package org.ordertower.core.internal.intake;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.api.Actor;
import org.ordertower.api.IntakeResult;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.OrderTowerException;
import org.ordertower.api.RawPayload;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.jdbc.BatchQueue;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for intake: callers queue their order and wait; one writer thread takes everything
 * queued (up to {@code maxBatch}), applies them together, commits once, makes the commit durable, and
 * only then releases the callers. One fsync then covers many orders, which is how a durable commit keeps
 * up with a peak. New orders' rows go in one JDBC batch per table. When the database refuses the group,
 * it is written again with each order in its own savepoint: a failure of one order never fails the
 * others.
 */
public final class GroupCommitWriter implements AutoCloseable {
    private static final String UNIQUE_VIOLATION = "23505";
    private final Logger logger = LoggerFactory.getLogger(GroupCommitWriter.class);
    private final Database db;
    private final OrderIntake intake;
    private final Clock clock;
    private final Runnable afterCommit;
    private final long waitMillis;
    private final BatchQueue<Pending> queue;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong orders = new AtomicLong();

    public GroupCommitWriter(Database db, OrderIntake intake, Clock clock, Runnable afterCommit, int maxBatch,
            int queueCapacity, long waitMillis) {
        this.db = db;
        this.intake = intake;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.waitMillis = waitMillis;
        this.queue = new BatchQueue<>("ordertower-intake-writer", queueCapacity, maxBatch, this::write,
                (p, e) -> p.result.completeExceptionally(e), "intake stopped");
    }

    /**
     * Queues one order and waits until it is durably stored.
     *
     * @throws StoreUnavailableException when the queue is full, the database refuses, or the wait times out
     */
    public IntakeResult submit(NormalizedOrder order, RawPayload raw, Actor actor) {
        if (!queue.running()) {
            throw new StoreUnavailableException("intake is shutting down", null);
        }
        Pending p = new Pending(order, raw, actor);
        try {
            if (!queue.offer(p, waitMillis)) {
                throw new StoreUnavailableException("intake queue is full; retry later", null);
            }
            return p.result.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the database", e);
        } catch (TimeoutException e) {
            // The write may still land; the caller was not acknowledged and will retry idempotently.
            throw new StoreUnavailableException("the database did not confirm the write within " + waitMillis + " ms", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof OrderTowerException) {
                throw (OrderTowerException) c;
            }
            throw new StoreUnavailableException("intake failed: " + c.getMessage(), c);
        }
    }

    public long batches() {
        return batches.get();
    }

    public long orders() {
        return orders.get();
    }

    private void write(List<Pending> batch) {
        Instant now = clock.instant();
        List<IntakeResult> results;
        try {
            results = writeTogether(batch, now);
        } catch (SQLException e) {
            if (isConnectionLoss(e)) {
                fail(batch, e);
                return;
            }
            // an order the database refused (or another node's insert of the same order): each in its own savepoint
            logger.debug("Intake batch of {} refused as a whole ({}); writing each order on its own", batch.size(),
                    e.getMessage());
            results = null;
        } catch (RuntimeException e) {
            logger.debug("Intake batch of {} failed as a whole ({}); writing each order on its own", batch.size(),
                    e.toString());
            results = null;
        }
        if (results == null) {
            results = writeEach(batch, now);
            if (results == null) {
                return;
            }
        }
        batches.incrementAndGet();
        orders.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            IntakeResult r = results.get(i);
            if (r == null) {
                continue; // completed exceptionally in applyOne
            }
            batch.get(i).result.complete(r);
        }
        afterCommit.run();
    }

    /**
     * The whole group in one transaction without savepoints: one query finds (and locks) the orders the store holds
     * already; the new ones are created with their rows deferred, one JDBC batch per table at the commit; the others
     * are applied one by one as ever. Throws when the database refuses any of it; nothing is then kept.
     */
    private List<IntakeResult> writeTogether(List<Pending> batch, Instant now) throws SQLException {
        IntakeResult[] results = new IntakeResult[batch.size()];
        try (Tx tx = db.begin()) {
            try {
                java.util.Set<String> known = intake.lockExisting(tx, batch.stream().map(p -> p.order).toList());
                tx.deferWrites();
                List<Integer> others = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    NormalizedOrder o = batch.get(i).order;
                    if (known.add(o.key())) {
                        results[i] = intake.create(tx, o, batch.get(i).raw, batch.get(i).actor, now);
                    } else {
                        others.add(i); // held already, or a second version in this group: after the creates
                    }
                }
                for (int i : others) {
                    Pending p = batch.get(i);
                    results[i] = intake.apply(tx, p.order, p.raw, p.actor, now);
                }
                tx.commitDurably();
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        }
        return java.util.Arrays.asList(results);
    }

    private void fail(List<Pending> batch, SQLException e) {
        logger.debug("Database refused an intake batch of {}: {}", batch.size(), e.getMessage());
        StoreUnavailableException failure = new StoreUnavailableException("the database is not available: " + e.getMessage(), e);
        batch.forEach(p -> p.result.completeExceptionally(failure));
    }

    /** Each order in its own savepoint, so that one refused order does not fail the others; null when all failed. */
    private List<IntakeResult> writeEach(List<Pending> batch, Instant now) {
        List<IntakeResult> results = new ArrayList<>(batch.size());
        try (Tx tx = db.begin()) {
            try {
                for (Pending p : batch) {
                    results.add(applyOne(tx, p, now));
                }
                tx.commitDurably();
            } catch (SQLException | RuntimeException e) {
                tx.rollbackQuietly();
                throw e;
            }
        } catch (SQLException e) {
            fail(batch, e);
            return null;
        }
        return results;
    }

    /** Applies one order in a savepoint; a unique-key race with another node is retried once. */
    private IntakeResult applyOne(Tx tx, Pending p, Instant now) throws SQLException {
        for (int attempt = 0;; attempt++) {
            Savepoint sp = tx.connection().setSavepoint();
            try {
                IntakeResult r = intake.apply(tx, p.order, p.raw, p.actor, now);
                tx.connection().releaseSavepoint(sp);
                return r;
            } catch (SQLException e) {
                tx.connection().rollback(sp);
                boolean race = UNIQUE_VIOLATION.equals(e.getSQLState()) || "40001".equals(e.getSQLState());
                if (race && attempt == 0) {
                    continue;
                }
                if (isConnectionLoss(e)) {
                    throw e;
                }
                logger.warn("Order {} could not be stored: {}", p.order.key(), e.getMessage());
                p.result.completeExceptionally(new StoreUnavailableException(
                        "order " + p.order.key() + " could not be stored: " + e.getMessage(), e));
                return null;
            }
        }
    }

    private static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57") || state.startsWith("HY"));
    }

    @Override
    public void close() {
        queue.close();
    }

    private static final class Pending {
        final NormalizedOrder order;
        final RawPayload raw;
        final Actor actor;
        final CompletableFuture<IntakeResult> result = new CompletableFuture<>();

        Pending(NormalizedOrder order, RawPayload raw, Actor actor) {
            this.order = order;
            this.raw = raw;
            this.actor = actor;
        }
    }
}
