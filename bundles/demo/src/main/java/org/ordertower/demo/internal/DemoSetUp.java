package org.ordertower.demo.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Runs the demo's set-up for one platform or partner on a thread of its own, once the service that runs them (the
 * channel runtime, fulfilment) has bound it. The demo components and that service are told of a new platform by
 * the same service event in no set order, so the demo can hear of a platform before the service can start its
 * simulator.
 */
public final class DemoSetUp implements AutoCloseable {
    private final ExecutorService worker;
    private final Duration wait;

    public DemoSetUp(String threadName, Duration wait) {
        this.wait = wait;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Runs {@code work} once {@code installed} names {@code id}, or when {@code wait} is over (the work then reports
     * the missing platform itself).
     */
    public void whenInstalled(String id, Supplier<List<String>> installed, Runnable work) {
        worker.execute(() -> {
            long end = System.nanoTime() + wait.toNanos();
            try {
                while (!installed.get().contains(id) && System.nanoTime() < end) {
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            work.run();
        });
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
