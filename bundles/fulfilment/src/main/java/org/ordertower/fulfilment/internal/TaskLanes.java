package org.ordertower.fulfilment.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.ordertower.lanes.Lanes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner lanes of a node, one Camel route each: one per warehouse system, carrier service and marketplace that is
 * installed or configured or has tasks waiting, one for the node's stock movements and one for the tasks whose partner
 * was not known when they were written. A partner that appears later (a WMS bundle installed, a task for a new
 * channel written) gets its lane then; lanes stay until the node stops, so a paused partner stays paused.
 */
final class TaskLanes {
    private final Logger logger = LoggerFactory.getLogger(TaskLanes.class);
    private final TaskRunner runner;
    private final long sweepMillis;
    private final Duration poll;
    /** The lanes by partner ("" for the unassigned one). */
    private final Map<String, TaskLane> lanes = new ConcurrentHashMap<>();
    /** Partners seen in written tasks that may have no lane yet. */
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private Lanes running;

    TaskLanes(TaskRunner runner, long sweepMillis, Duration poll) {
        this.runner = runner;
        this.sweepMillis = sweepMillis;
        this.poll = poll;
    }

    /** Starts the lanes of these partners, the stock and the unassigned lanes in {@code camel}. */
    synchronized void start(Lanes camel, Collection<String> partners) {
        running = camel;
        ensure(null);
        ensure(TaskPartner.STOCK);
        partners.forEach(this::ensure);
    }

    /** Remembers a partner that a written task calls; its lane is made by the next {@link #wake}. */
    void want(String partner) {
        if (partner != null && !lanes.containsKey(partner)) {
            wanted.add(partner);
        }
    }

    /** Makes the lanes of these partners if they have none (a partner installed or configured). */
    synchronized void ensureAll(Collection<String> partners) {
        partners.stream().filter(Objects::nonNull).forEach(this::ensure);
    }

    /** A commit may have made work: every lane reads the table at its next poll; partners new to the node get a lane. */
    void wake() {
        if (!wanted.isEmpty()) {
            synchronized (this) {
                List<String> now = new ArrayList<>(wanted);
                wanted.removeAll(now);
                now.forEach(this::ensure);
            }
        }
        lanes.values().forEach(TaskLane::wake);
    }

    private void ensure(String partner) {
        String key = partner == null ? "" : partner;
        if (running == null || lanes.containsKey(key)) {
            return;
        }
        TaskLane lane = new TaskLane(partner, runner, sweepMillis);
        try {
            running.start(lane.routeId, Lanes.Schedule.busy(poll), lane);
            lanes.put(key, lane);
            logger.info("Partner calls of {} run in the route {}", partner == null ? "no known partner" : partner,
                    lane.routeId);
        } catch (RuntimeException e) {
            logger.warn("The route {} cannot start; the calls wait in fulfil_task: {}", lane.routeId, e.getMessage());
        }
    }

    /** The lanes' route ids, sorted. */
    List<String> routes() {
        return lanes.values().stream().map(l -> l.routeId).sorted().toList();
    }

    synchronized void stop() {
        if (running != null) {
            lanes.values().forEach(l -> running.stop(l.routeId));
            lanes.clear();
            running = null;
        }
    }
}
