package org.ordertower.lanes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.camel.ServiceStatus;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.junit.jupiter.api.Test;

class LanesTest {
    /** A queue lane: takes everything queued as one batch. */
    static final class QueueLane implements Lane<List<String>> {
        final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> done = new ConcurrentLinkedQueue<>();

        @Override
        public List<String> take() {
            List<String> batch = new java.util.ArrayList<>();
            for (String s; (s = queue.poll()) != null;) {
                batch.add(s);
            }
            return batch.isEmpty() ? null : batch;
        }

        @Override
        public void run(List<String> work) {
            done.addAll(work);
        }
    }

    @Test
    void aLaneIsARouteThatCountsOnlyThePollsThatFoundWork() throws Exception {
        try (Lanes lanes = Lanes.standalone("lanes-test", 1)) {
            QueueLane lane = new QueueLane();
            lanes.start("stock-push-taobao", Lanes.Schedule.busy(Duration.ofMillis(20)), lane);
            assertEquals(ServiceStatus.Started, lanes.status("stock-push-taobao"));
            Thread.sleep(200); // about ten idle polls
            lane.queue.add("a");
            lane.queue.add("b");
            await().atMost(Duration.ofSeconds(5)).until(() -> lane.done.size() == 2);
            assertEquals(List.of("a", "b"), List.copyOf(lane.done));
            assertEquals(1, exchanges(lanes, "stock-push-taobao"), "idle polls make no exchange");
        }
    }

    @Test
    void aSuspendedLaneKeepsItsWorkUntilResumed() throws Exception {
        try (Lanes lanes = Lanes.standalone("lanes-test", 0)) {
            QueueLane lane = new QueueLane();
            lanes.start("partner-qimen-calls", Lanes.Schedule.busy(Duration.ofMillis(20)), lane);
            lanes.camel().getRouteController().suspendRoute("partner-qimen-calls");
            assertEquals(ServiceStatus.Suspended, lanes.status("partner-qimen-calls"));
            lane.queue.add("x");
            Thread.sleep(300);
            assertTrue(lane.done.isEmpty(), "a suspended lane does no work");
            assertEquals(1, lane.queue.size());
            lanes.camel().getRouteController().resumeRoute("partner-qimen-calls");
            await().atMost(Duration.ofSeconds(5)).until(() -> lane.done.contains("x"));
        }
    }

    @Test
    void anAlwaysDueLaneRunsOnItsIntervalAndStopsWhenRemoved() throws Exception {
        try (Lanes lanes = Lanes.standalone("lanes-test", 2)) {
            AtomicInteger pulls = new AtomicInteger();
            lanes.start("shop-jd-main-pull", Lanes.Schedule.every(Duration.ofMillis(50), Duration.ZERO), Lane.every(pulls::incrementAndGet));
            await().atMost(Duration.ofSeconds(5)).until(() -> pulls.get() >= 3);
            lanes.stop("shop-jd-main-pull");
            assertNull(lanes.status("shop-jd-main-pull"));
            assertTrue(lanes.names().isEmpty());
            int after = pulls.get();
            Thread.sleep(200);
            assertEquals(after, pulls.get(), "a removed lane polls no more");
        }
    }

    @Test
    void aFailingLaneKeepsPollingAndCountsItsFailures() throws Exception {
        try (Lanes lanes = Lanes.standalone("lanes-test", 1)) {
            AtomicInteger calls = new AtomicInteger();
            lanes.start("shop-pdd-main-messages", Lanes.Schedule.every(Duration.ofMillis(30), Duration.ZERO), Lane.every(() -> {
                calls.incrementAndGet();
                throw new IllegalStateException("the platform is down");
            }));
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() >= 3);
            ManagedRouteMBean route = lanes.camel().getExtension(org.apache.camel.api.management.ManagedCamelContext.class).getManagedRoute("shop-pdd-main-messages");
            assertTrue(route.getExchangesFailed() >= 3, "failures are counted: " + route.getExchangesFailed());
        }
    }

    @Test
    void aLaneThatCannotTakeItsWorkIsAskedOnceASecondAndTakesItAgainAfterwards() throws Exception {
        try (Lanes lanes = Lanes.standalone("lanes-test", 1)) {
            java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean(true);
            AtomicInteger takes = new AtomicInteger();
            QueueLane work = new QueueLane();
            lanes.start("channel-events", Lanes.Schedule.busy(Duration.ofMillis(20)), new Lane<List<String>>() {
                @Override
                public List<String> take() {
                    takes.incrementAndGet();
                    if (down.get()) {
                        throw new IllegalStateException("the order store is not available");
                    }
                    return work.take();
                }

                @Override
                public void run(List<String> batch) {
                    work.run(batch);
                }
            });
            Thread.sleep(2_200);
            // at a 20 ms delay a hundred polls; asked once a second while it fails
            assertTrue(takes.get() >= 2 && takes.get() <= 4, "takes while failing: " + takes.get());
            work.queue.add("after");
            down.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> work.done.contains("after"));
            int back = takes.get();
            Thread.sleep(300);
            assertTrue(takes.get() - back >= 5, "polled on its schedule again: " + (takes.get() - back));
            assertEquals(ServiceStatus.Started, lanes.status("channel-events"));
        }
    }

    @Test
    void aRouteIdIsOneLaneAndABadScheduleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Lanes.Schedule.every(Duration.ZERO, Duration.ZERO));
        try (Lanes lanes = Lanes.standalone("lanes-test", 1)) {
            QueueLane first = new QueueLane();
            QueueLane second = new QueueLane();
            lanes.start("stock-push-jd", Lanes.Schedule.busy(Duration.ofMillis(20)), first);
            lanes.start("stock-push-jd", Lanes.Schedule.busy(Duration.ofMillis(20)), second);
            assertEquals(List.of("stock-push-jd"), lanes.names());
            second.queue.add("y");
            first.queue.add("z");
            await().atMost(Duration.ofSeconds(5)).until(() -> second.done.contains("y"));
            assertTrue(first.done.isEmpty(), "the replaced lane is not polled");
        }
    }

    private static long exchanges(Lanes lanes, String routeId) {
        return lanes.camel().getExtension(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute(routeId).getExchangesTotal();
    }
}
