package org.ordertower.core.internal.outbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.jdbc.Database;
import org.ordertower.core.internal.outbox.OutboxRelay.OutboxEvent;
import org.ordertower.jdbc.Tx;
import org.ordertower.lanes.Lane;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows in commit order and deletes each after the broker took it. At
 * least once: a crash between publish and delete republishes, so consumers deduplicate on eventId.
 * <p>
 * The relay is the lane of the route {@value #ROUTE}: the route polls it often and cheaply, and it reads the outbox
 * only when woken right after a commit ({@link #wake()}) or every {@code pollMillis}, so rows left by a crashed node
 * are sent when this one starts. Each batch published is one exchange in {@code camel:route-list}; suspending the
 * route holds the events in the outbox table (durable) until it is resumed. When the broker refuses, the relay
 * waits, doubling from 500 ms to 30 s, and tries again.
 */
public final class OutboxRelay implements Lane<List<OutboxEvent>> {
    /** The route id of the relay. */
    public static final String ROUTE = "ordertower-events-relay";

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
    private final long pollNanos;
    private final AtomicBoolean woken = new AtomicBoolean(true); // the first poll sends what a crashed node left
    private final AtomicLong published = new AtomicLong();
    private long nextReadNanos = System.nanoTime();
    private long pausedUntilNanos = System.nanoTime();
    private long backoffMillis;
    /** Failed tries since the relay last published; only the relay's one lane thread touches it. */
    private int failedTries;
    /** The longest pause between tries. */
    static final long MAX_PAUSE_MS = 5_000;

    public OutboxRelay(Database db, Publisher publisher, int batch, long pollMillis) {
        this.db = db;
        this.publisher = publisher;
        this.batch = batch;
        this.pollNanos = TimeUnit.MILLISECONDS.toNanos(pollMillis);
    }

    /** Asks for a read of the outbox at the next poll (after each commit). */
    public void wake() {
        woken.set(true);
    }

    public long published() {
        return published.get();
    }

    /** The next batch when the relay was woken or its poll interval passed and rows wait; otherwise null. */
    @Override
    public List<OutboxEvent> take() {
        long now = System.nanoTime();
        if (now - pausedUntilNanos < 0) {
            return null;
        }
        if (!woken.getAndSet(false) && now - nextReadNanos < 0) {
            return null;
        }
        nextReadNanos = now + pollNanos;
        try {
            List<OutboxEvent> events = read();
            return events.isEmpty() ? null : events;
        } catch (SQLException e) {
            pause("the outbox cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** Publishes a batch in order, deleting what the broker took; stops at the first refusal and waits. */
    @Override
    public void run(List<OutboxEvent> events) {
        int sent = 0;
        try {
            for (OutboxEvent e : events) {
                publisher.publish(e);
                sent++;
            }
            if (failedTries > 0) {
                logger.info("Outbox relay publishing again, after {} failed tries", failedTries);
                failedTries = 0;
            }
            backoffMillis = 0;
        } catch (Exception e) {
            pause(why(e));
        } finally {
            if (sent > 0) {
                try {
                    delete(events.subList(0, sent));
                    published.addAndGet(sent);
                } catch (SQLException e) {
                    pause("published events cannot be deleted (they will be sent again): " + e.getMessage());
                }
            }
        }
        if (sent == batch) {
            woken.set(true); // a full batch: more may be waiting
        }
    }

    /** What went wrong, in the words of the innermost cause (Camel wraps the broker's own message). */
    private static String why(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /**
     * Waits before the next try, doubling from 0.5 s up to {@value #MAX_PAUSE_MS} ms (a broker back from a restart is
     * found within that); the first failure of a run at WARN, the others at DEBUG, and INFO once it publishes again.
     */
    private void pause(String why) {
        backoffMillis = Math.min(Math.max(backoffMillis * 2, 500), MAX_PAUSE_MS);
        pausedUntilNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoffMillis);
        woken.set(true); // then try again at once
        if (failedTries++ == 0) {
            logger.warn("Outbox relay paused: {}; the events wait in the outbox and are tried again every {} s at most",
                    why, MAX_PAUSE_MS / 1000);
        } else {
            logger.debug("Outbox relay paused {} ms: {}", backoffMillis, why);
        }
    }

    private List<OutboxEvent> read() throws SQLException {
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
        return events;
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
}
