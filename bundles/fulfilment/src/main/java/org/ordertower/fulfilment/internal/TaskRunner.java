package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TaskStore.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the due tasks: claims each (one node at a time), decodes its payload, makes its call with its kind's
 * {@link TaskHandler} and records the end; a failure is retried with exponential back-off, and a task that fails its
 * last attempt, or can never succeed, is kept DEAD for {@code ship:failed} and {@code ship:retry}.
 */
final class TaskRunner {
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

    /** Claims and runs these due tasks (another node may take some first); returns how many are done. */
    int runTasks(List<Task> due) {
        Instant now = ctx.clock.instant();
        int done = 0;
        for (Task t : due) {
            boolean mine;
            try {
                mine = ctx.write(tx -> ctx.tasks.claim(tx, t, now.plus(ctx.options.claim())));
            } catch (SQLException e) {
                continue;
            }
            if (mine && run(t)) {
                done++;
            }
        }
        return done;
    }

    /** Runs one claimed task and records its end; true when it is done. */
    private boolean run(Task t) {
        try {
            TxWork<Boolean> finish = call(t);
            return ctx.write(tx -> {
                boolean again = finish.run(tx);
                ctx.tasks.done(tx, t.id(), ctx.clock.instant());
                return !again;
            });
        } catch (RuntimeException | SQLException e) {
            fail(t, e);
            return false;
        }
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
