package org.ordertower.jdbc;

import java.time.Duration;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A daemon thread that runs passes over durable work (rows in the database) one after another while they move
 * something, then sleeps until woken (after a commit that made work) or until the sweep interval has passed (work
 * that became due, or that another node left). A failing pass is tried again after the sweep, whoever wakes the
 * worker meanwhile (a database that is down is not asked again at once by every callback that arrives); the first
 * failure of a run is a WARN, the next ones DEBUG, and the first pass that works again an INFO, so that an outage
 * gives two lines, not a line per wake-up. The pipeline and fulfilment run on one each.
 */
public final class PassWorker implements AutoCloseable {
    private final Logger logger = LoggerFactory.getLogger(PassWorker.class);
    private final String name;
    private final String what;
    private final IntSupplier pass;
    private final Duration sweep;
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    /** Passes that failed in a row; only the worker's thread touches it. */
    private int failures;
    private Thread thread;

    /**
     * @param name the thread's name
     * @param what what the passes do, for the log ("Order pipeline")
     * @param pass one pass; returns how much it moved (0: nothing to do now)
     * @param sweep how long to sleep when a pass moved nothing and nobody wakes the worker
     */
    public PassWorker(String name, String what, IntSupplier pass, Duration sweep) {
        this.name = name;
        this.what = what;
        this.pass = pass;
        this.sweep = sweep;
    }

    /** Starts the thread; a second call does nothing. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Makes the worker run a pass now. Never blocks. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops the thread after its current pass (waiting up to 10 s for it). */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        wake();
        if (t != null) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void loop() {
        while (running) {
            int moved = 0;
            boolean failed = false;
            try {
                moved = pass.getAsInt();
                if (failures > 0) {
                    logger.info("{} passes work again, after {} failed", what, failures);
                    failures = 0;
                }
            } catch (RuntimeException e) {
                failed = true;
                if (++failures == 1) {
                    logger.warn("{} pass failed, retrying every {} until it works: {}", what, sweep, e.toString());
                } else {
                    logger.debug("{} pass failed again ({} in a row): {}", what, failures, e.toString());
                }
            }
            if (failed ? !pause(sweep.toMillis()) : moved == 0 && !await(sweep.toMillis())) {
                return;
            }
        }
    }

    /** Sleeps {@code millis} whoever wakes the worker (only closing ends it early); false when interrupted. */
    private boolean pause(long millis) {
        synchronized (signal) {
            long end = System.currentTimeMillis() + millis;
            while (running) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            woken = false;
            return true;
        }
    }

    /** Sleeps until woken or {@code millis} passed; false when interrupted. */
    private boolean await(long millis) {
        synchronized (signal) {
            long end = System.currentTimeMillis() + millis;
            while (!woken && running) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    signal.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            woken = false;
            return true;
        }
    }
}
