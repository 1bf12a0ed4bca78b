package org.ordertower.core.internal.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows in commit order and deletes each after the broker took it. At
 * least once: a crash between publish and delete republishes, so consumers deduplicate on eventId.
 * Woken right after each commit ({@link #wake()}) and also polls, so rows left by a crashed node are
 * sent when this one starts.
 */
public final class OutboxRelay implements AutoCloseable {
    /** Where events go; throws when the broker does not take the event. */
    public interface Publisher {
        void publish(OutboxEvent event) throws Exception;
    }

    public record OutboxEvent(long id, String eventId, String type, long orderId, String orderKey, String payload) {
    }

    private final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);
    private final Database db;
    private final Publisher publisher;
    private final int batch;
    private final long pollMillis;
    private final Semaphore signal = new Semaphore(0);
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    public OutboxRelay(Database db, Publisher publisher, int batch, long pollMillis) {
        this.db = db;
        this.publisher = publisher;
        this.batch = batch;
        this.pollMillis = pollMillis;
        this.thread = new Thread(this::run, "ordertower-outbox-relay");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void wake() {
        if (signal.availablePermits() == 0) {
            signal.release();
        }
    }

    public long published() {
        return published.get();
    }

    private void run() {
        long backoff = pollMillis;
        while (running) {
            try {
                signal.tryAcquire(backoff, TimeUnit.MILLISECONDS);
                signal.drainPermits();
                while (running && relayOnce() == batch) {
                    // a full batch: more may be waiting
                }
                backoff = pollMillis;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                backoff = Math.min(Math.max(backoff * 2, 500), 30_000);
                logger.warn("Outbox relay paused {} ms: {}", backoff, e.getMessage());
            }
        }
    }

    /** Publishes up to one batch; returns how many were published. */
    int relayOnce() throws Exception {
        List<OutboxEvent> events = new ArrayList<>();
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("SELECT id, event_id, event_type, order_id, order_key, payload FROM outbox "
                    + "ORDER BY id LIMIT ?");
            ps.setInt(1, batch);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    events.add(new OutboxEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
            tx.connection().commit();
        }
        if (events.isEmpty()) {
            return 0;
        }
        int sent = 0;
        try {
            for (OutboxEvent e : events) {
                publisher.publish(e);
                sent++;
            }
        } finally {
            if (sent > 0) {
                delete(events.subList(0, sent));
                published.addAndGet(sent);
            }
        }
        return sent;
    }

    private void delete(List<OutboxEvent> done) throws SQLException {
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("DELETE FROM outbox WHERE id = ?");
            for (OutboxEvent e : done) {
                ps.setLong(1, e.id());
                ps.addBatch();
            }
            ps.executeBatch();
            tx.connection().commit();
        }
    }

    @Override
    public void close() {
        running = false;
        signal.release();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
