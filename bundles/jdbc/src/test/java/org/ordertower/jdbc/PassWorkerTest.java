package org.ordertower.jdbc;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The pass worker with a pass that fails for a while, as while the database is down, and is woken all the time. */
class PassWorkerTest {
    @Test
    void aFailingPassIsTriedOncePerSweepHoweverOftenTheWorkerIsWokenThenWorksAgain() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        AtomicInteger passes = new AtomicInteger();
        AtomicInteger work = new AtomicInteger(5);
        try (PassWorker worker = new PassWorker("pass-worker-test", "Test", () -> {
            passes.incrementAndGet();
            if (down.get()) {
                throw new IllegalStateException("the order store is not available");
            }
            return work.get() > 0 ? Math.min(1, work.getAndDecrement()) : 0;
        }, Duration.ofMillis(400))) {
            worker.start();
            long end = System.nanoTime() + 1_300_000_000L;
            while (System.nanoTime() < end) {
                worker.wake(); // callbacks arriving all the time
                Thread.sleep(5);
            }
            // 1.3 s at one try per 0.4 s sweep: 3 or 4 tries, not the 260 wake-ups
            assertTrue(passes.get() >= 3 && passes.get() <= 5, "passes while failing: " + passes.get());
            down.set(false);
            long until = System.nanoTime() + 5_000_000_000L;
            while (work.get() > 0 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertTrue(work.get() == 0, "the work is done once the passes work again: " + work.get() + " left");
        }
    }
}
