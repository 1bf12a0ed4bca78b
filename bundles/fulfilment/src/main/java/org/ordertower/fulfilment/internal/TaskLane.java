package org.ordertower.fulfilment.internal;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ordertower.fulfilment.internal.TaskStore.Task;
import org.ordertower.lanes.Lane;

/**
 * One partner's calls: the durable tasks written for it ({@link TaskPartner}), run by the Camel route
 * {@link #routeId}, such as {@code partner-qimen-calls}. Suspending the route ({@code camel:route-suspend
 * ordertower-fulfilment partner-qimen-calls}) holds that partner's calls in {@code fulfil_task} while the others go
 * on; the retry state (attempts, next try, dead) stays in the table, so a restart or another node carries on where
 * this one stopped. The lane reads the table only when woken after a commit or every {@code sweep}, so its idle polls
 * cost nothing.
 */
final class TaskLane implements Lane<List<Task>> {
    /** The partner, as {@code fulfil_task.partner} holds it; null: the tasks whose partner was not known. */
    final String partner;
    final String routeId;
    private final TaskRunner runner;
    private final long sweepNanos;
    private final AtomicBoolean woken = new AtomicBoolean(true); // the first poll takes what a stopped node left
    private long nextReadNanos = System.nanoTime();

    TaskLane(String partner, TaskRunner runner, long sweepMillis) {
        this.partner = partner;
        this.routeId = TaskPartner.routeId(partner);
        this.runner = runner;
        this.sweepNanos = TimeUnit.MILLISECONDS.toNanos(sweepMillis);
    }

    /** A commit may have made work: read the table at the next poll. */
    void wake() {
        woken.set(true);
    }

    @Override
    public List<Task> take() {
        long now = System.nanoTime();
        if (!woken.getAndSet(false) && now - nextReadNanos < 0) {
            return null;
        }
        nextReadNanos = now + sweepNanos;
        List<Task> due = runner.due(partner);
        return due.isEmpty() ? null : due;
    }

    @Override
    public void run(List<Task> due) {
        runner.runTasks(due);
        if (due.size() >= runner.batch()) {
            woken.set(true); // a full batch: more may be due
        }
    }
}
