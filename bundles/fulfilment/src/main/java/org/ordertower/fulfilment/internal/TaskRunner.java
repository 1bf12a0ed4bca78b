package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TaskStore.Task;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due tasks: claims each (one node at a time), decodes its payload, makes its call with its kind's
 * {@link TaskHandler} and records the end; a failure is retried with exponential back-off, and a task that fails its
 * last attempt, or can never succeed, is kept DEAD for {@code ship:failed} and {@code ship:retry}.
 */
final class TaskRunner {
    /** Tasks claimed, called and recorded together. */
    static final int GROUP = 16;

    private final Logger logger = LoggerFactory.getLogger(TaskRunner.class);
    private final FulfilmentContext ctx;
    private final TaskHandlers handlers;

    TaskRunner(FulfilmentContext ctx, TaskHandlers handlers) {
        this.ctx = ctx;
        this.handlers = handlers.complete();
    }

    /** Runs the tasks due now; returns how many are done. */
    int runTasks() {
        Instant now = ctx.clock.instant();
        return runTasks(ctx.read(tx -> ctx.tasks.due(tx, now, ctx.options.batch())));
    }

    /** The tasks of one partner (null: of none known) due now, oldest first, at most one batch. */
    List<Task> due(String partner) {
        Instant now = ctx.clock.instant();
        return ctx.read(tx -> ctx.tasks.due(tx, now, ctx.options.batch(), partner));
    }

    /** The batch size of a read of due tasks. */
    int batch() {
        return ctx.options.batch();
    }

    /**
     * Claims and runs these due tasks (another node may take some first); returns how many are done. They go in groups
     * of {@link #GROUP}: one durable commit claims a group, its calls are made one by one, and one commit records
     * their ends (each in a savepoint of its own, so that one that cannot be recorded fails alone), instead of two
     * commits around every call. When half the claim is spent before the group's calls are made (a slow partner), the
     * rest is claimed again first, so that no task is called while another node may take it.
     */
    int runTasks(List<Task> due) {
        int done = 0;
        for (int i = 0; i < due.size(); i += GROUP) {
            done += runGroup(due.subList(i, Math.min(due.size(), i + GROUP)));
        }
        return done;
    }

    private int runGroup(List<Task> group) {
        List<Task> mine = claim(group);
        long stopAt = System.nanoTime() + ctx.options.claim().toNanos() / 2;
        List<Called> called = new ArrayList<>();
        for (int i = 0; i < mine.size(); ) {
            if (i > 0 && System.nanoTime() - stopAt > 0) {
                // half the claim is spent (a slow partner): claim the rest again before calling them
                List<Task> rest = claim(mine.subList(i, mine.size()));
                mine = new ArrayList<>(mine.subList(0, i));
                mine.addAll(rest);
                stopAt = System.nanoTime() + ctx.options.claim().toNanos() / 2;
                continue;
            }
            Task t = mine.get(i++);
            try {
                called.add(new Called(t, call(t)));
            } catch (RuntimeException | SQLException e) {
                fail(t, e);
            }
        }
        return record(called);
    }

    /** A task whose call was made, and what records its end. */
    private record Called(Task task, TxWork<Boolean> end) {
    }

    /**
     * Claims these tasks in one durable commit; returns those this node holds now, as claimed (another node may have
     * taken some first). None when the commit fails: they are read again at the next poll.
     */
    private List<Task> claim(List<Task> tasks) {
        Instant until = ctx.clock.instant().plus(ctx.options.claim()).truncatedTo(ChronoUnit.MILLIS);
        try {
            return ctx.write(tx -> {
                List<Task> claimed = new ArrayList<>();
                for (Task t : tasks) {
                    if (ctx.tasks.claim(tx, t, until)) {
                        claimed.add(new Task(t.id(), t.key(), t.kind(), t.orderId(), t.parcelId(), t.payload(), t.state(),
                                t.attempts(), t.createdAt(), until, t.lastError()));
                    }
                }
                return claimed;
            });
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** Records the ends of these calls in one commit; a task whose end cannot be recorded fails alone. */
    private int record(List<Called> called) {
        if (called.isEmpty()) {
            return 0;
        }
        Map<Task, Exception> failed = new LinkedHashMap<>();
        int done;
        try {
            done = ctx.write(tx -> {
                failed.clear();
                int n = 0;
                for (Called c : called) {
                    Savepoint sp = tx.connection().setSavepoint();
                    try {
                        n += end(tx, c);
                    } catch (SQLException | RuntimeException e) {
                        if (e instanceof SQLException q && q.getSQLState() != null && q.getSQLState().startsWith("08")) {
                            throw e; // the connection is gone: nothing of the group is recorded
                        }
                        tx.connection().rollback(sp);
                        failed.put(c.task(), e);
                    }
                }
                return n;
            });
        } catch (SQLException | RuntimeException e) {
            // the group's commit failed: each end on its own, as a single call's would be
            failed.clear();
            done = 0;
            for (Called c : called) {
                try {
                    done += ctx.write(tx -> end(tx, c));
                } catch (SQLException | RuntimeException again) {
                    failed.put(c.task(), again);
                }
            }
        }
        failed.forEach(this::fail);
        return done;
    }

    /** Records one call's end and its task done; 1 when the task is done, 0 when its end asks for it again. */
    private int end(Tx tx, Called c) throws SQLException {
        boolean again = c.end().run(tx);
        ctx.tasks.done(tx, c.task().id(), ctx.clock.instant());
        return again ? 0 : 1;
    }

    /** Reads what a task is about, decodes its payload and makes its call. */
    private TxWork<Boolean> call(Task t) throws SQLException {
        Parcel p = t.parcelId() == null ? null : ctx.read(tx -> ctx.parcels.parcel(tx, t.parcelId(), false)).orElse(null);
        Order o = ctx.read(tx -> ctx.orders.load(tx, t.orderId(), false))
                .orElseThrow(() -> new IllegalArgumentException("order " + t.orderId() + " is gone"));
        Instant now = ctx.clock.instant();
        TaskPayload payload = TaskKind.of(t.kind()).decode(t.key(), t.payload());
        return handlers.call(payload, new TaskHandler.Call(t, o, p, now));
    }

    private void fail(Task t, Exception e) {
        boolean permanent = e instanceof PartnerException p && !p.retryable() && p.kind() != PartnerException.Kind.AUTH
                || e instanceof ChannelException c && c.kind() == ChannelException.Kind.PERMANENT
                || e instanceof IllegalArgumentException || e instanceof InventoryException;
        // the node could not make the call (its store or inventory away, say while it stops): tried again, not
        // counted against the partner's attempts, never given up for it
        boolean ours = e instanceof StoreUnavailableException || e instanceof java.sql.SQLTransientConnectionException;
        boolean dead = permanent || !ours && t.attempts() + 1 >= ctx.options.attempts();
        Duration hint = e instanceof PartnerException p ? p.retryAfter()
                : e instanceof ChannelException c ? c.retryAfter() : null;
        long backoff = Math.min(ctx.options.retryFirst().toMillis() << Math.min(t.attempts(), 20),
                ctx.options.retryMax().toMillis());
        long delay = hint == null ? backoff : Math.max(backoff, hint.toMillis());
        Instant now = ctx.clock.instant();
        String reason = (e.getMessage() == null ? e.toString() : e.getMessage());
        try {
            ctx.write(tx -> {
                ctx.tasks.failed(tx, t.id(), reason, now.plusMillis(delay), dead, !ours);
                if (dead) {
                    ctx.orders.audit(tx, t.orderId(), now, ACTOR, "call-failed", t.kind(), null, t.payload(),
                            "gave up after " + (t.attempts() + 1) + " attempts: " + reason);
                    ctx.orders.raise(tx, t.orderId(), "call-failed", t.kind(), "gave up after " + (t.attempts() + 1)
                            + " attempts; ship:failed lists it, ship:retry replays it", now);
                }
                return null;
            });
        } catch (SQLException again) {
            logger.warn("Could not record the failure of task {}: {}", t.id(), again.getMessage());
        }
        if (dead) {
            logger.warn("{} for order {} failed for good after {} attempts (ship:failed lists it): {}", t.kind(),
                    t.orderId(), t.attempts() + 1, reason);
        } else {
            logger.info("{} for order {} failed (attempt {}), retrying in {} ms: {}", t.kind(), t.orderId(),
                    t.attempts() + 1, delay, reason);
        }
    }
}
