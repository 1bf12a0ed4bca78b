package org.ordertower.rules.internal.history;

import java.math.RoundingMode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Migrator;
import org.ordertower.jdbc.Tx;
import org.ordertower.rules.internal.history.FactWriter.Pending;
import org.ordertower.rules.internal.history.ItemsText.UnreadableItems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screened orders' facts ({@code screen_fact}), found by buyer, phone, address, device or IP, newest
 * first, at most {@link #MAX_FACTS} per look-up. The keys are SHA-256 hashes of the normalised values
 * ({@link FactKeys}): the table holds no buyer data in clear.
 *
 * <p>The table is the durable truth that every node shares. With {@link Settings#memory()} on and once
 * {@link #start() started}, a node also keeps the facts within {@link Settings#reach()} in memory
 * ({@link RecentFacts}) and answers look-ups from there: its own facts go in when it records them, the
 * table's are loaded in the background at start (look-ups read the table until then), and the other
 * nodes' are read from the table at most every {@link Settings#tailEvery()}, before a look-up
 * ({@link RecentFactsLoader}). A look-up reaching before what memory covers (more facts than
 * {@link Settings#maxFacts()}) reads the older part from the table ({@link FactTable}). Facts are stored
 * by {@link FactWriter}. This class decides which of them answers. Thread-safe.
 */
public final class OrderHistory {
    /** Most facts one look-up returns (newest first): a busy buyer cannot make screening slow. */
    public static final int MAX_FACTS = 500;
    /** How far back screening looks (the longest rule window is a day). */
    public static final Duration REACH = Duration.ofHours(48);
    /** Most facts waiting for the writer before {@link #record} refuses more. */
    public static final int MAX_QUEUED = 100_000;

    /** Which key a look-up uses. */
    public enum Key {
        BUYER("buyer_key"), ADDRESS("address_key"), PHONE("phone_key"), DEVICE("device_key"), IP("ip_key");

        private final String column;

        Key(String column) {
            this.column = column;
        }

        /** The key's column in {@code screen_fact}. */
        String column() {
            return column;
        }
    }

    /**
     * How a node keeps the recent facts.
     *
     * @param memory whether to keep them in memory at all (off: every look-up reads the table)
     * @param maxFacts most facts held in memory
     * @param tailEvery how often, at most, a look-up first reads the facts other nodes recorded
     * @param tailOverlap how far back each such read reaches before the last one, for transactions that
     *        commit after a later one (longer than any recording transaction takes)
     * @param reach how far back memory holds facts (and warm-up loads them)
     * @param node this node's name in the table's {@code node} column
     * @param clock the clock warm-up measures the reach by (the screening's clock)
     */
    public record Settings(boolean memory, int maxFacts, Duration tailEvery, Duration tailOverlap, Duration reach, String node,
            Clock clock) {
        public static final int DEFAULT_MAX_FACTS = 1_500_000;

        /** Memory on, sized for a day of a million orders, tailing every 500 ms with 3 s of overlap. */
        public static Settings defaults(Clock clock) {
            return new Settings(true, DEFAULT_MAX_FACTS, Duration.ofMillis(500), Duration.ofSeconds(3), REACH, newNodeName(),
                    clock);
        }

        /** Every look-up reads the table. */
        public static Settings tableOnly() {
            return new Settings(false, 1, Duration.ofMillis(500), Duration.ofSeconds(3), REACH, newNodeName(), Clock.systemUTC());
        }

        public Settings withMaxFacts(int n) {
            return new Settings(memory, n, tailEvery, tailOverlap, reach, node, clock);
        }

        public Settings withTail(Duration every, Duration overlap) {
            return new Settings(memory, maxFacts, every, overlap, reach, node, clock);
        }

        static String newNodeName() {
            return UUID.randomUUID().toString().substring(0, 13);
        }
    }

    /**
     * What memory holds, for consoles.
     *
     * @param warm whether look-ups are answered from memory (else from the table)
     * @param facts facts held
     * @param bytes estimated heap used
     * @param coveredFrom the earliest placing time memory answers for; look-ups reaching before it read the table
     * @param overflowed facts evicted for room while within the reach (0 unless {@code maxFacts} is too small)
     */
    public record MemoryStats(boolean warm, int facts, long bytes, Instant coveredFrom, long overflowed) {
        public double bytesPerFact() {
            return facts == 0 ? 0 : (double) bytes / facts;
        }
    }

    private final Logger logger = LoggerFactory.getLogger(OrderHistory.class);
    private final Database db;
    private final Settings settings;
    /** Null when memory is off, or after it failed (a bug: look-ups then read the table). */
    private volatile RecentFacts recent;
    private volatile boolean warm;
    /** Set by {@link #close()} (and by the writer thread when interrupted); stops the warm-up and the writer. */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by this. */
    private Thread warmUp;
    private final FactKeys keys = new FactKeys();
    private final FactTable table;
    private final FactWriter writer;
    private final RecentFactsLoader loader;
    private final AtomicBoolean overflowWarned = new AtomicBoolean();

    /** Every look-up reads the table ({@link Settings#tableOnly()}). */
    public OrderHistory(Database db) {
        this(db, Settings.tableOnly());
    }

    public OrderHistory(Database db, Settings settings) {
        this.db = db;
        this.settings = settings;
        this.table = new FactTable(db);
        this.writer = new FactWriter(db, settings.node(), closed, () -> recent);
        this.loader = new RecentFactsLoader(db, settings, table, closed);
        if (settings.memory()) {
            this.recent = new RecentFacts(settings.maxFacts(), RecentFacts.micros(settings.clock().instant().minus(settings.reach())));
        }
    }

    public static Migrator migrator(DataSource dataSource) {
        return new Migrator(dataSource, OrderHistory.class, "rules_schema_version");
    }

    /**
     * Starts loading the table's recent facts into memory, in the background; look-ups read the table
     * until it is done. Nothing happens when memory is off.
     */
    public synchronized void start() {
        if (recent == null || warmUp != null) {
            return;
        }
        warmUp = new Thread(this::warmUp, "ordertower-rules-history-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** Waits until memory answers look-ups; false when it did not within the time (or memory is off). */
    public boolean awaitWarm(Duration timeout) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = warmUp;
        }
        if (t != null) {
            t.join(Math.max(1, timeout.toMillis()));
        }
        return warm;
    }

    public MemoryStats memory() {
        RecentFacts r = recent;
        if (r == null) {
            return new MemoryStats(false, 0, 0, null, 0);
        }
        return new MemoryStats(warm, r.size(), r.bytes(), RecentFacts.instant(r.coveredFrom()), r.overflowed());
    }

    /** This node's name in the table's {@code node} column. */
    public String node() {
        return settings.node();
    }

    /**
     * Remembers (or replaces) an order's fact. Facts are derived, not acknowledged data: with memory on,
     * memory takes the fact at once and a writer thread stores it in the table shortly after, many facts
     * to a transaction (a look-up that reads the table first waits for it); with memory off, a plain
     * commit here. The placing time is kept to the microsecond and the amount to the column's scale, as
     * the table keeps them, so that memory holds what the table holds.
     *
     * @throws StoreUnavailableException when the table does not take facts (with memory on: when
     *         {@link #MAX_QUEUED} facts wait for it)
     */
    public void record(Order o, List<StockItem> items) {
        NormalizedOrder c = o.content();
        String[] hex = keys.of(o);
        Pending fact = new Pending(o.id(), RecentFacts.micros(c.createdAt()), hex,
                c.amounts().paid().setScale(4, RoundingMode.HALF_UP), ItemsText.of(items), 0);
        RecentFacts r = recent;
        if (r == null) {
            writer.writeNow(fact);
            return;
        }
        fact = writer.reserve(fact);
        try {
            // memory first, then the queue: the writer confirms the version only once memory has the fact
            r.put(fact.orderId(), fact.at(), FactKeys.hashes(hex), fact.paid(), ItemsText.parsed(fact.items()), fact.items(),
                    fact.version());
        } catch (RuntimeException e) {
            memoryFailed(e);
        }
        writer.enqueue(fact);
    }

    /**
     * Waits until every fact recorded so far is in the table (a look-up that reads the table first calls
     * this; tests too).
     */
    public void flush() {
        writer.flush();
    }

    /**
     * Earlier facts sharing each of the order's keys since {@code since}, newest first, without the
     * order itself. From memory when it is warm (the part before what it covers from the table), else in
     * one round trip, one indexed branch per key the order has.
     */
    public Map<Key, List<OrderFact>> find(Order o, Instant since) {
        String[] hex = keys.of(o);
        RecentFacts r = recent;
        if (r == null || !warm) {
            if (writer.queued()) {
                flush();
            }
            return table.find(o.id(), hex, since, null);
        }
        try {
            loader.tail(r);
            List<List<OrderFact>> lists = new ArrayList<>(RecentFacts.KINDS);
            for (int k = 0; k < RecentFacts.KINDS; k++) {
                lists.add(new ArrayList<>());
            }
            long sinceMicros = ceilMicros(since);
            // facts may leave memory once both this look-up and the clock put them beyond the reach
            long horizon = RecentFacts.micros(settings.clock().instant().minus(settings.reach()));
            long covered = r.find(FactKeys.hashes(hex), sinceMicros, horizon, o.id(), MAX_FACTS, lists);
            Map<Key, List<OrderFact>> out = new EnumMap<>(Key.class);
            for (Key k : Key.values()) {
                out.put(k, lists.get(k.ordinal()));
            }
            if (sinceMicros < covered) {
                String[] older = new String[RecentFacts.KINDS];
                boolean any = false;
                for (Key k : Key.values()) {
                    if (hex[k.ordinal()] != null && out.get(k).size() < MAX_FACTS) {
                        older[k.ordinal()] = hex[k.ordinal()];
                        any = true;
                    }
                }
                if (any) {
                    if (r.overflowed() > 0 && overflowWarned.compareAndSet(false, true)) {
                        logger.warn("The screening history outgrew memory ({} facts at most): look-ups reaching before {} "
                                + "read that part from the table", settings.maxFacts(), RecentFacts.instant(covered));
                    }
                    if (writer.queued()) {
                        flush(); // this node's facts that memory no longer holds must be in the table first
                    }
                    Map<Key, List<OrderFact>> rest = table.find(o.id(), older, since, RecentFacts.instant(covered));
                    rest.forEach((k, l) -> {
                        List<OrderFact> list = out.get(k);
                        for (int i = 0; i < l.size() && list.size() < MAX_FACTS; i++) {
                            list.add(l.get(i));
                        }
                    });
                }
            }
            return out;
        } catch (StoreUnavailableException | UnreadableItems e) {
            throw e;
        } catch (RuntimeException e) {
            memoryFailed(e);
            flush();
            return table.find(o.id(), hex, since, null);
        }
    }

    /** Loads the facts within the reach (in the background); then look-ups use memory. */
    private void warmUp() {
        RecentFacts r = recent;
        if (r == null) {
            return;
        }
        long started = System.nanoTime();
        try {
            if (!loader.warmUp(r)) {
                return;
            }
            warm = true;
            MemoryStats m = memory();
            logger.info("Screening history in memory: {} facts placed since {}, about {} MB ({} bytes a fact), loaded in {} s",
                    m.facts(), m.coveredFrom(), m.bytes() >> 20, Math.round(m.bytesPerFact()),
                    String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
        } catch (RuntimeException e) {
            memoryFailed(e);
        }
    }

    private void memoryFailed(RuntimeException e) {
        if (recent != null) {
            recent = null;
            warm = false;
            logger.error("The screening history in memory failed; look-ups read the table from now on", e);
        }
    }

    /** The first whole microsecond at or after {@code t}: facts are kept to the microsecond. */
    private static long ceilMicros(Instant t) {
        long m = Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
        return t.getNano() % 1000 == 0 ? m : m + 1;
    }

    /** Gives the look-up connection back to the pool (after a failure, or when the engine stops). */
    public void closeLookups() {
        table.closeLookups();
    }

    /** Stops the warm-up and gives the connections back; look-ups afterwards read the table. */
    public void close() {
        closed.set(true);
        Thread t;
        synchronized (this) {
            t = warmUp;
        }
        if (t != null) {
            t.interrupt();
        }
        writer.stop(); // stores what is queued
        warm = false;
        closeLookups();
        writer.closeConnection();
    }

    /** Forgets facts placed before {@code before}; returns how many. */
    public int purge(Instant before) {
        try (Tx tx = db.begin()) {
            PreparedStatement ps = tx.prepare("DELETE FROM screen_fact WHERE placed_at < ?");
            ps.setObject(1, before.atOffset(ZoneOffset.UTC));
            int n = ps.executeUpdate();
            tx.connection().commit();
            RecentFacts r = recent;
            if (r != null) {
                r.forgetBefore(RecentFacts.micros(before));
            }
            return n;
        } catch (SQLException e) {
            throw new StoreUnavailableException("cannot purge screened orders: " + e.getMessage(), e);
        }
    }

    /** The order's key of this kind, or null when the order lacks the data. */
    public static String keyFor(Key key, NormalizedOrder c) {
        return FactKeys.keyFor(key, c);
    }
}
