package org.ordertower.rules.internal.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.internal.history.OrderHistory.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads the table's facts into memory: the reach at warm-up, then, before look-ups, the other nodes' new facts. */
final class RecentFactsLoader {
    private final Logger logger = LoggerFactory.getLogger(RecentFactsLoader.class);
    private final Database db;
    private final Settings settings;
    private final FactTable table;
    /** The history's closed flag: warm-up stops when it is set. */
    private final AtomicBoolean closed;
    /** Guarded by tailLock: the database time of the last tail read. */
    private OffsetDateTime lastTail;
    private volatile long nextTailNanos;
    private final ReentrantLock tailLock = new ReentrantLock();

    RecentFactsLoader(Database db, Settings settings, FactTable table, AtomicBoolean closed) {
        this.db = db;
        this.settings = settings;
        this.table = table;
        this.closed = closed;
    }

    /**
     * Loads the facts within the reach, in time slices, oldest first, trying again every 10 s while the
     * table cannot be read; the tail then goes on from the database time the load began at.
     *
     * @return whether memory holds them now (false: the history closed first)
     * @throws RuntimeException when memory fails (a bug)
     */
    boolean warmUp(RecentFacts r) {
        Duration slice = Duration.ofMinutes(15);
        while (!closed.get()) {
            try (Connection c = db.connection()) {
                OffsetDateTime tailFrom = FactTable.databaseNow(c);
                Instant from = RecentFacts.instant(r.coveredFrom());
                Instant end = settings.clock().instant().plus(slice);
                try (PreparedStatement slices = c.prepareStatement("SELECT " + FactTable.COLUMNS + " FROM screen_fact "
                        + "WHERE placed_at >= ? AND placed_at < ? ORDER BY placed_at");
                        PreparedStatement last = c.prepareStatement("SELECT " + FactTable.COLUMNS + " FROM screen_fact "
                                + "WHERE placed_at >= ? ORDER BY placed_at")) {
                    for (Instant t = from; !closed.get(); t = t.plus(slice)) {
                        boolean open = !t.isBefore(end);
                        PreparedStatement ps = open ? last : slices;
                        ps.setObject(1, t.atOffset(ZoneOffset.UTC));
                        if (!open) {
                            ps.setObject(2, t.plus(slice).atOffset(ZoneOffset.UTC));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                FactTable.put(r, rs);
                            }
                        }
                        if (open) {
                            break;
                        }
                    }
                }
                if (closed.get()) {
                    return false;
                }
                tailLock.lock();
                try {
                    lastTail = tailFrom;
                    nextTailNanos = System.nanoTime();
                } finally {
                    tailLock.unlock();
                }
                return true;
            } catch (SQLException | StoreUnavailableException e) {
                logger.warn("Cannot load the screening history into memory yet ({}); look-ups read the table, trying again "
                        + "in 10 s", e.getMessage());
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException stop) {
                    return false;
                }
            }
        }
        return false;
    }

    /**
     * Reads the facts other nodes recorded since the last read (less the overlap), at most every
     * {@link Settings#tailEvery()}; one caller at a time, the others go on with what memory holds.
     */
    void tail(RecentFacts r) {
        if (System.nanoTime() - nextTailNanos < 0 || !tailLock.tryLock()) {
            return;
        }
        try {
            if (System.nanoTime() - nextTailNanos < 0) {
                return;
            }
            try {
                lastTail = table.readTail(r, lastTail.minus(settings.tailOverlap()), settings.node());
            } catch (SQLException e) {
                // memory still answers, without the other nodes' latest facts; the next look-up tries again
                logger.warn("Cannot read the other nodes' screened orders: {}", e.getMessage());
            }
            nextTailNanos = System.nanoTime() + settings.tailEvery().toNanos();
        } finally {
            tailLock.unlock();
        }
    }
}
