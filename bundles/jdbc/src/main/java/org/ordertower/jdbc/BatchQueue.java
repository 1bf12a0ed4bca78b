package org.ordertower.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.ordertower.api.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that takes everything queued (up to {@code maxBatch}) and hands it to a handler as one
 * batch: the shape of group commit. A handler that throws fails its whole batch; items still queued
 * at {@link #close} are failed as "stopped". Thread-safe.
 */
public final class BatchQueue<T> implements AutoCloseable {
    private final Logger logger = LoggerFactory.getLogger(BatchQueue.class);
    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Consumer<List<T>> handler;
    private final BiConsumer<T, RuntimeException> fail;
    private final String stoppedMessage;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param handler decides a batch and answers each item's caller
     * @param fail tells one item's caller of a failure
     * @param stoppedMessage what callers still queued at close are told
     */
    public BatchQueue(String threadName, int capacity, int maxBatch, Consumer<List<T>> handler,
            BiConsumer<T, RuntimeException> fail, String stoppedMessage) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.handler = handler;
        this.fail = fail;
        this.stoppedMessage = stoppedMessage;
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public boolean running() {
        return running;
    }

    /** Queues an item if there is room; false when full. */
    public boolean offer(T item) {
        return queue.offer(item);
    }

    /** Queues an item, waiting up to {@code waitMillis} for room; false when still full. */
    public boolean offer(T item, long waitMillis) throws InterruptedException {
        return queue.offer(item, waitMillis, TimeUnit.MILLISECONDS);
    }

    private void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                T first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                handler.accept(batch);
            } catch (InterruptedException e) {
                if (!running) {
                    break;
                }
            } catch (RuntimeException e) {
                logger.error("{} failed on a batch; its callers were told", thread.getName(), e);
                batch.forEach(item -> fail.accept(item, e));
            } finally {
                batch.clear();
            }
        }
        T item;
        while ((item = queue.poll()) != null) {
            fail.accept(item, new StoreUnavailableException(stoppedMessage, null));
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
