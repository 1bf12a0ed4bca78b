package org.ordertower.fulfilment.internal;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ordertower.fulfilment.internal.TaskStore.Task;
import org.ordertower.lanes.Lane;
import org.ordertower.lanes.Lanes;

/**
 * One partner's calls: the durable tasks of some kinds, run by the Camel route {@link #routeId}, such as
 * {@code partner-cainiao-calls}. Suspending the route ({@code camel:route-suspend ordertower-fulfilment
 * partner-cainiao-calls}) holds that partner's calls in {@code fulfil_task} while the others go on; the retry state
 * (attempts, next try, dead) stays in the table, so a restart or another node carries on where this one stopped. The
 * lane reads the table only when woken after a commit or every {@code sweep}, so its idle polls cost nothing.
 */
final class TaskLane implements Lane<List<Task>> {
    /**
     * The lanes of a node: waybills, tracking subscriptions, warehouse calls, marketplace calls, stock movements. A
     * service that both issues waybills and tracks parcels (cainiao) has one lane for both.
     */
    static List<TaskLane> lanes(TaskRunner runner, String waybillService, String trackingService, long sweepMillis) {
        Map<String, Set<TaskKind>> kinds = new LinkedHashMap<>();
        kinds.computeIfAbsent(partner(waybillService, "waybill"), k -> EnumSet.noneOf(TaskKind.class))
                .addAll(EnumSet.of(TaskKind.WAYBILL, TaskKind.WAYBILL_CANCEL));
        kinds.computeIfAbsent(partner(trackingService, "tracking"), k -> EnumSet.noneOf(TaskKind.class))
                .add(TaskKind.SUBSCRIBE);
        kinds.put("partner-wms-calls", EnumSet.of(TaskKind.WMS_CREATE, TaskKind.WMS_CANCEL, TaskKind.RETURN_CREATE,
                TaskKind.TRANSFER_OUT, TaskKind.TRANSFER_IN, TaskKind.TRANSFER_CANCEL));
        kinds.put("partner-channels-calls", EnumSet.of(TaskKind.WRITE_BACK, TaskKind.REFUND));
        kinds.put("fulfilment-stock-calls", EnumSet.of(TaskKind.STOCK_SHIP, TaskKind.RESTOCK, TaskKind.TRANSFER_STOCK));
        Set<TaskKind> covered = EnumSet.noneOf(TaskKind.class);
        kinds.values().forEach(covered::addAll);
        if (!covered.equals(EnumSet.allOf(TaskKind.class))) {
            throw new IllegalStateException("task kinds in no lane: " + EnumSet.complementOf(EnumSet.copyOf(covered)));
        }
        List<TaskLane> out = new ArrayList<>();
        kinds.forEach((id, k) -> out.add(new TaskLane(id, k, runner, sweepMillis)));
        return out;
    }

    /** The route id of a configured partner's lane ({@code partner-cainiao-calls}), or of its role when none is set. */
    private static String partner(String configured, String role) {
        String name = configured == null || configured.isBlank() ? role : configured.strip();
        return Lanes.routeId("partner", name, "calls");
    }

    final String routeId;
    final Set<TaskKind> kinds;
    private final TaskRunner runner;
    private final long sweepNanos;
    private final AtomicBoolean woken = new AtomicBoolean(true); // the first poll takes what a stopped node left
    private long nextReadNanos = System.nanoTime();

    TaskLane(String routeId, Set<TaskKind> kinds, TaskRunner runner, long sweepMillis) {
        this.routeId = routeId;
        this.kinds = kinds;
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
        List<Task> due = runner.due(kinds);
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
