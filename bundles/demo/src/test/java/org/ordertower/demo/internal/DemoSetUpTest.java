package org.ordertower.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class DemoSetUpTest {
    @Test
    void waitsUntilTheServiceHasBoundThePlatform() throws Exception {
        List<String> installed = new CopyOnWriteArrayList<>();
        List<String> seenByWork = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        try (DemoSetUp setUp = new DemoSetUp("test-demo", Duration.ofSeconds(10))) {
            setUp.whenInstalled("qimen", () -> installed, () -> {
                seenByWork.addAll(installed);
                done.countDown();
            });
            Thread.sleep(300);
            assertEquals(1, done.getCount(), "the work waits while the platform is not bound");
            installed.add("qimen");
            assertTrue(done.await(5, TimeUnit.SECONDS));
            assertEquals(List.of("qimen"), seenByWork);
        }
    }

    @Test
    void runsTheWorkAnywayWhenTheWaitIsOverSoItReportsTheMissingPlatform() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        try (DemoSetUp setUp = new DemoSetUp("test-demo", Duration.ofMillis(300))) {
            setUp.whenInstalled("jd", List::of, done::countDown);
            assertTrue(done.await(5, TimeUnit.SECONDS));
        }
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(300).toNanos());
    }
}
