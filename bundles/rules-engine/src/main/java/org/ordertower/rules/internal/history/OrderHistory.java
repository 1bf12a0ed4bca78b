package org.ordertower.rules.internal.history;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Migrator;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The screened orders' facts ({@code screen_fact}), found by buyer, phone, address, device or IP, newest
 * first, at most {@link #MAX_FACTS} per look-up. The keys are SHA-256 hashes of the normalised values:
 * the table holds no buyer data in clear.
 *
 * <p>The table is the durable truth that every node shares. With {@link Settings#memory()} on and once
 * {@link #start() started}, a node also keeps the facts within {@link Settings#reach()} in memory
 * ({@link RecentFacts}) and answers look-ups from there: its own facts go in when it records them, the
 * table's are loaded in the background at start (look-ups read the table until then), and the other
 * nodes' are read from the table at most every {@link Settings#tailEvery()}, before a look-up. A look-up
 * reaching before what memory covers (more facts than {@link Settings#maxFacts()}) reads the older part
 * from the table. Thread-safe.
 */
public final class OrderHistory {
    /** Most facts one look-up returns (newest first): a busy buyer cannot make screening slow. */
    public static final int MAX_FACTS = 500;
    /** How far back screening looks (the longest rule window is a day). */
    public static final Duration REACH = Duration.ofHours(48);
    private static final int MAX_ITEMS_TEXT = 4000;
    private static final String COLUMNS = "order_id, placed_at, buyer_key, address_key, phone_key, device_key, ip_key, paid, "
            + "items, seq";
    private static final Pattern PHONE_NOISE = Pattern.compile("[\\s()+-]");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** Which key a look-up uses. */
    public enum Key {
        BUYER("buyer_key"), ADDRESS("address_key"), PHONE("phone_key"), DEVICE("device_key"), IP("ip_key");

        private final String column;

        Key(String column) {
            this.column = column;
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
    private volatile boolean closed;
    private Thread warmUp;
    /** Guarded by this. */
    private java.sql.Connection lookupConnection;
    /** Guarded by this: statements of {@link #lookupConnection} by SQL (one per combination of keys). */
    private final Map<String, PreparedStatement> lookups = new java.util.HashMap<>();
    /** Most facts waiting for the writer before {@link #record} refuses more. */
    public static final int MAX_QUEUED = 100_000;
    private static final int WRITE_BATCH = 500;
    /** Rows a tail read takes at a time (tests make it small). */
    static int tailPage = 5000;
    /** Pending versions in memory: above every seq of the table, in the order they were recorded. */
    private static final long PENDING = Long.MAX_VALUE / 2;
    private final Object writeLock = new Object();
    /** Guarded by writeLock: the facts to store, oldest first (the writer removes them once stored). */
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private long pendingCount;
    private long enqueued;
    private long written;
    private Thread writer;
    private final Object storeLock = new Object();
    /** Guarded by storeLock: a connection kept for recording, with its two statements prepared once. */
    private java.sql.Connection writeConnection;
    private PreparedStatement deleteFact;
    private PreparedStatement insertFact;
    /** Guarded by tailLock: the database time of the last tail read. */
    private OffsetDateTime lastTail;
    private volatile long nextTailNanos;
    private final ReentrantLock tailLock = new ReentrantLock();
    private final AtomicBoolean overflowWarned = new AtomicBoolean();
    /** The last order's keys, per thread: screening computes them for the look-up and again to record. */
    private final ThreadLocal<Keys> lastKeys = new ThreadLocal<>();

    private record Keys(Order order, String[] hex) {
    }

    /** Every look-up reads the table ({@link Settings#tableOnly()}). */
    public OrderHistory(Database db) {
        this(db, Settings.tableOnly());
    }

    public OrderHistory(Database db, Settings settings) {
        this.db = db;
        this.settings = settings;
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
        String[] hex = keys(o);
        Pending fact = new Pending(o.id(), RecentFacts.micros(c.createdAt()), hex, c.amounts().paid().setScale(4, RoundingMode.HALF_UP),
                itemsText(items), 0);
        RecentFacts r = recent;
        if (r == null) {
            synchronized (storeLock) {
                try {
                    write(fact);
                    writeConnection.commit();
                } catch (SQLException e) {
                    closeWriter();
                    throw new StoreUnavailableException("cannot record the screened order: " + e.getMessage(), e);
                }
            }
            return;
        }
        synchronized (writeLock) {
            if (queue.size() >= MAX_QUEUED) {
                throw new StoreUnavailableException("cannot record the screened order: " + MAX_QUEUED
                        + " screened orders wait for the table already", null);
            }
            fact = fact.pending(PENDING + ++pendingCount);
        }
        try {
            // memory first, then the queue: the writer confirms the version only once memory has the fact
            r.put(fact.orderId(), fact.at(), hashes(hex), fact.paid(), parsed(fact.items()), fact.items(), fact.version());
        } catch (RuntimeException e) {
            memoryFailed(e);
        }
        synchronized (writeLock) {
            queue.addLast(fact);
            enqueued++;
            if (writer == null && !closed) {
                writer = new Thread(this::writeBehind, "ordertower-rules-history-writer");
                writer.setDaemon(true);
                writer.start();
            }
            writeLock.notifyAll();
        }
    }

    /** A fact to store; {@code version} is its pending version in memory (0 with memory off). */
    private record Pending(long orderId, long at, String[] hex, BigDecimal paid, String items, long version) {
        Pending pending(long v) {
            return new Pending(orderId, at, hex, paid, items, v);
        }
    }

    /**
     * DELETE and INSERT of one fact on the write connection, in its open transaction; returns the row's
     * seq. The caller holds storeLock.
     */
    private long write(Pending f) throws SQLException {
        if (writeConnection == null) {
            writeConnection = db.connection();
            writeConnection.setAutoCommit(false);
            deleteFact = writeConnection.prepareStatement("DELETE FROM screen_fact WHERE order_id = ?");
            insertFact = writeConnection.prepareStatement("INSERT INTO screen_fact (order_id, placed_at, buyer_key, "
                    + "address_key, phone_key, paid, items, device_key, ip_key, node) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS);
        }
        deleteFact.setLong(1, f.orderId());
        deleteFact.executeUpdate();
        PreparedStatement ps = insertFact;
        ps.setLong(1, f.orderId());
        ps.setObject(2, RecentFacts.instant(f.at()).atOffset(ZoneOffset.UTC));
        ps.setString(3, f.hex()[Key.BUYER.ordinal()]);
        ps.setString(4, f.hex()[Key.ADDRESS.ordinal()]);
        ps.setString(5, f.hex()[Key.PHONE.ordinal()]);
        ps.setBigDecimal(6, f.paid());
        ps.setString(7, f.items());
        ps.setString(8, f.hex()[Key.DEVICE.ordinal()]);
        ps.setString(9, f.hex()[Key.IP.ordinal()]);
        ps.setString(10, settings.node());
        ps.executeUpdate();
        try (ResultSet keys = ps.getGeneratedKeys()) {
            return keys.next() ? keys.getLong("seq") : 0;
        }
    }

    /**
     * The writer thread: stores the queued facts, up to {@link #WRITE_BATCH} a transaction, in order,
     * then gives memory their versions. A failing database is tried again every second (the facts wait);
     * a fact the table refuses (another node stored the same order at the same moment) is dropped.
     */
    private void writeBehind() {
        long failures = 0;
        while (true) {
            List<Pending> batch = new ArrayList<>();
            synchronized (writeLock) {
                while (queue.isEmpty() && !closed) {
                    try {
                        writeLock.wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (queue.isEmpty()) {
                    writer = null;
                    writeLock.notifyAll();
                    return;
                }
                for (Pending f : queue) {
                    batch.add(f);
                    if (batch.size() == WRITE_BATCH) {
                        break;
                    }
                }
            }
            long[] seqs = new long[batch.size()];
            boolean[] refused = new boolean[batch.size()];
            try {
                writeBatch(batch, seqs, refused);
                failures = 0;
            } catch (SQLException e) {
                if (failures++ == 0) {
                    logger.warn("Cannot store screened orders in the table ({}); {} wait, trying again every second",
                            e.getMessage(), queue.size());
                }
                try {
                    Thread.sleep(closed && failures > 5 ? 0 : 1000);
                } catch (InterruptedException stop) {
                    closed = true;
                }
                if (!(closed && failures > 5)) {
                    continue;
                }
                logger.warn("Stopping with {} screened orders not stored in the table", queue.size());
                Arrays.fill(refused, true);
            }
            synchronized (writeLock) {
                for (int i = 0; i < batch.size(); i++) {
                    queue.removeFirst();
                }
                written += batch.size();
                writeLock.notifyAll();
            }
            RecentFacts r = recent;
            for (int i = 0; i < batch.size(); i++) {
                if (r != null) {
                    // a refused fact keeps no version: the next row of its order from the table replaces it
                    r.confirm(batch.get(i).orderId(), batch.get(i).version(), refused[i] ? 0 : seqs[i]);
                }
            }
        }
    }

    private void writeBatch(List<Pending> batch, long[] seqs, boolean[] refused) throws SQLException {
        synchronized (storeLock) {
            writeBatchLocked(batch, seqs, refused);
        }
    }

    private void writeBatchLocked(List<Pending> batch, long[] seqs, boolean[] refused) throws SQLException {
        try {
            for (int i = 0; i < batch.size(); i++) {
                seqs[i] = write(batch.get(i));
            }
            writeConnection.commit();
        } catch (SQLException e) {
            closeWriter();
            if (e.getSQLState() == null || !e.getSQLState().startsWith("23")) {
                throw e;
            }
            // an integrity violation: one transaction per fact, dropping those refused
            for (int i = 0; i < batch.size(); i++) {
                try {
                    seqs[i] = write(batch.get(i));
                    writeConnection.commit();
                } catch (SQLException one) {
                    closeWriter();
                    if (one.getSQLState() == null || !one.getSQLState().startsWith("23")) {
                        throw one;
                    }
                    refused[i] = true;
                    logger.warn("The table refused the screened order {}: {}", batch.get(i).orderId(), one.getMessage());
                }
            }
        }
    }

    /**
     * Waits until every fact recorded so far is in the table (a look-up that reads the table first calls
     * this; tests too).
     */
    public void flush() {
        synchronized (writeLock) {
            long target = enqueued;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (written < target && writer != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new StoreUnavailableException("the screened orders of the last 30 s are not stored in the table yet", null);
                }
                try {
                    writeLock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StoreUnavailableException("interrupted while waiting for the table", e);
                }
            }
        }
    }

    private boolean queued() {
        synchronized (writeLock) {
            return written < enqueued;
        }
    }

    /**
     * Earlier facts sharing each of the order's keys since {@code since}, newest first, without the
     * order itself. From memory when it is warm (the part before what it covers from the table), else in
     * one round trip, one indexed branch per key the order has.
     */
    public Map<Key, List<OrderFact>> find(Order o, Instant since) {
        String[] hex = keys(o);
        RecentFacts r = recent;
        if (r == null || !warm) {
            if (queued()) {
                flush();
            }
            return findInTable(o.id(), hex, since, null);
        }
        try {
            tail(r);
            List<List<OrderFact>> lists = new ArrayList<>(RecentFacts.KINDS);
            for (int k = 0; k < RecentFacts.KINDS; k++) {
                lists.add(new ArrayList<>());
            }
            long sinceMicros = ceilMicros(since);
            // facts may leave memory once both this look-up and the clock put them beyond the reach
            long horizon = RecentFacts.micros(settings.clock().instant().minus(settings.reach()));
            long covered = r.find(hashes(hex), sinceMicros, horizon, o.id(), MAX_FACTS, lists);
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
                    if (queued()) {
                        flush(); // this node's facts that memory no longer holds must be in the table first
                    }
                    Map<Key, List<OrderFact>> rest = findInTable(o.id(), older, since, RecentFacts.instant(covered));
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
            return findInTable(o.id(), hex, since, null);
        }
    }

    private Map<Key, List<OrderFact>> findInTable(long orderId, String[] hex, Instant since, Instant before) {
        Map<Key, List<OrderFact>> out = new EnumMap<>(Key.class);
        List<Key> keys = new ArrayList<>();
        for (Key k : Key.values()) {
            out.put(k, new ArrayList<>());
            if (hex[k.ordinal()] != null) {
                keys.add(k);
            }
        }
        if (keys.isEmpty()) {
            return out;
        }
        StringBuilder sql = new StringBuilder();
        for (Key k : keys) {
            sql.append(sql.length() == 0 ? "" : " UNION ALL ").append("(SELECT ").append(k.ordinal())
                    .append(", order_id, placed_at, paid, items FROM screen_fact WHERE ").append(k.column)
                    .append(" = ? AND placed_at >= ?").append(before == null ? "" : " AND placed_at < ?")
                    .append(" AND order_id <> ? ORDER BY placed_at DESC LIMIT ").append(MAX_FACTS).append(")");
        }
        synchronized (this) {
            try {
                PreparedStatement ps = lookup(sql.toString());
                int p = 1;
                for (Key k : keys) {
                    ps.setString(p++, hex[k.ordinal()]);
                    ps.setObject(p++, since.atOffset(ZoneOffset.UTC));
                    if (before != null) {
                        ps.setObject(p++, before.atOffset(ZoneOffset.UTC));
                    }
                    ps.setLong(p++, orderId);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.get(Key.values()[rs.getInt(1)]).add(new OrderFact(rs.getLong(2),
                                rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getBigDecimal(4), items(rs.getString(5))));
                    }
                }
            } catch (SQLException e) {
                closeLookups();
                throw new StoreUnavailableException("cannot read the screened orders: " + e.getMessage(), e);
            }
        }
        out.values().forEach(l -> l.sort(Comparator.comparing(OrderFact::at).reversed()));
        return out;
    }

    /**
     * Reads the facts other nodes recorded since the last read (less the overlap), at most every
     * {@link Settings#tailEvery()}; one caller at a time, the others go on with what memory holds.
     */
    private void tail(RecentFacts r) {
        if (System.nanoTime() - nextTailNanos < 0 || !tailLock.tryLock()) {
            return;
        }
        try {
            if (System.nanoTime() - nextTailNanos < 0) {
                return;
            }
            synchronized (this) {
                try {
                    OffsetDateTime now = databaseNow(lookupConnection());
                    // in pages ordered by recorded_at: with the LIMIT, PostgreSQL takes the index even with a
                    // generic plan or no statistics (else a full scan of the day, a third of a second)
                    OffsetDateTime from = lastTail.minus(settings.tailOverlap());
                    boolean after = false;
                    while (true) {
                        PreparedStatement ps = lookup("SELECT " + COLUMNS + ", recorded_at FROM screen_fact WHERE recorded_at "
                                + (after ? ">" : ">=") + " ? AND (node IS NULL OR node <> ?) ORDER BY recorded_at LIMIT " + tailPage);
                        ps.setObject(1, from);
                        ps.setString(2, settings.node());
                        int n = 0;
                        OffsetDateTime last = null;
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                put(r, rs);
                                last = rs.getObject(11, OffsetDateTime.class);
                                n++;
                            }
                        }
                        if (n < tailPage) {
                            break;
                        }
                        // the page may have cut the rows of its last instant (one transaction's): read them all
                        PreparedStatement at = lookup("SELECT " + COLUMNS + " FROM screen_fact WHERE recorded_at = ? "
                                + "AND (node IS NULL OR node <> ?)");
                        at.setObject(1, last);
                        at.setString(2, settings.node());
                        try (ResultSet rs = at.executeQuery()) {
                            while (rs.next()) {
                                put(r, rs);
                            }
                        }
                        from = last;
                        after = true;
                    }
                    lastTail = now;
                } catch (SQLException e) {
                    // memory still answers, without the other nodes' latest facts; the next look-up tries again
                    closeLookups();
                    logger.warn("Cannot read the other nodes' screened orders: {}", e.getMessage());
                }
            }
            nextTailNanos = System.nanoTime() + settings.tailEvery().toNanos();
        } finally {
            tailLock.unlock();
        }
    }

    /** Loads the facts within the reach, in time slices, oldest first; then look-ups use memory. */
    private void warmUp() {
        RecentFacts r = recent;
        long started = System.nanoTime();
        Duration slice = Duration.ofMinutes(15);
        while (!closed && r != null) {
            try (java.sql.Connection c = db.connection()) {
                OffsetDateTime tailFrom = databaseNow(c);
                Instant from = RecentFacts.instant(r.coveredFrom());
                Instant end = settings.clock().instant().plus(slice);
                try (PreparedStatement slices = c.prepareStatement("SELECT " + COLUMNS + " FROM screen_fact "
                        + "WHERE placed_at >= ? AND placed_at < ? ORDER BY placed_at");
                        PreparedStatement last = c.prepareStatement("SELECT " + COLUMNS + " FROM screen_fact "
                                + "WHERE placed_at >= ? ORDER BY placed_at")) {
                    for (Instant t = from; !closed; t = t.plus(slice)) {
                        boolean open = !t.isBefore(end);
                        PreparedStatement ps = open ? last : slices;
                        ps.setObject(1, t.atOffset(ZoneOffset.UTC));
                        if (!open) {
                            ps.setObject(2, t.plus(slice).atOffset(ZoneOffset.UTC));
                        }
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                put(r, rs);
                            }
                        }
                        if (open) {
                            break;
                        }
                    }
                }
                if (closed) {
                    return;
                }
                tailLock.lock();
                try {
                    lastTail = tailFrom;
                    nextTailNanos = System.nanoTime();
                } finally {
                    tailLock.unlock();
                }
                warm = true;
                MemoryStats m = memory();
                logger.info("Screening history in memory: {} facts placed since {}, about {} MB ({} bytes a fact), loaded in {} s",
                        m.facts(), m.coveredFrom(), m.bytes() >> 20, Math.round(m.bytesPerFact()),
                        String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9));
                return;
            } catch (SQLException | StoreUnavailableException e) {
                logger.warn("Cannot load the screening history into memory yet ({}); look-ups read the table, trying again "
                        + "in 10 s", e.getMessage());
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException stop) {
                    return;
                }
            } catch (RuntimeException e) {
                memoryFailed(e);
                return;
            }
        }
    }

    /** A row of {@link #COLUMNS} into memory. */
    private static void put(RecentFacts r, ResultSet rs) throws SQLException {
        String[] hex = { rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7) };
        String text = rs.getString(9);
        r.put(rs.getLong(1), RecentFacts.micros(rs.getObject(2, OffsetDateTime.class).toInstant()), hashes(hex),
                rs.getBigDecimal(8), parsed(text), text, rs.getLong(10));
    }

    private static OffsetDateTime databaseNow(java.sql.Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_TIMESTAMP")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    private void memoryFailed(RuntimeException e) {
        if (recent != null) {
            recent = null;
            warm = false;
            logger.error("The screening history in memory failed; look-ups read the table from now on", e);
        }
    }

    /** The order's keys (hex), by {@link Key} ordinal, null where it has none; computed once per order and thread. */
    private String[] keys(Order o) {
        Keys last = lastKeys.get();
        if (last != null && last.order() == o) {
            return last.hex();
        }
        String[] hex = new String[RecentFacts.KINDS];
        for (Key k : Key.values()) {
            hex[k.ordinal()] = keyFor(k, o.content());
        }
        lastKeys.set(new Keys(o, hex));
        return hex;
    }

    private static long[] hashes(String[] hex) {
        long[] h = new long[hex.length];
        for (int i = 0; i < hex.length; i++) {
            h[i] = RecentFacts.hash(hex[i]);
        }
        return h;
    }

    /** The items as the table gives them back, or null when the text does not parse (memory keeps the text). */
    private static List<StockItem> parsed(String text) {
        try {
            return items(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The first whole microsecond at or after {@code t}: facts are kept to the microsecond. */
    private static long ceilMicros(Instant t) {
        long m = Math.multiplyExact(t.getEpochSecond(), 1_000_000L) + t.getNano() / 1000;
        return t.getNano() % 1000 == 0 ? m : m + 1;
    }

    /**
     * The look-up statement for this SQL on the look-up connection, prepared once: screening runs on one
     * thread per node, and parsing the query again each time cost a third of a look-up on H2.
     */
    private PreparedStatement lookup(String sql) throws SQLException {
        PreparedStatement ps = lookups.get(sql);
        if (ps == null) {
            ps = lookupConnection().prepareStatement(sql);
            lookups.put(sql, ps);
        }
        return ps;
    }

    private java.sql.Connection lookupConnection() throws SQLException {
        if (lookupConnection == null) {
            lookupConnection = db.connection();
        }
        return lookupConnection;
    }

    /** Gives the look-up connection back to the pool (after a failure, or when the engine stops). */
    public synchronized void closeLookups() {
        lookups.clear();
        if (lookupConnection != null) {
            try {
                lookupConnection.close();
            } catch (SQLException e) {
                // the connection is broken already; the pool discards it
            }
            lookupConnection = null;
        }
    }

    private void closeWriter() {
        synchronized (storeLock) {
            if (writeConnection != null) {
                try {
                    writeConnection.rollback();
                    writeConnection.setAutoCommit(true);
                } catch (SQLException e) {
                    // broken: the pool discards it
                }
                try {
                    writeConnection.close();
                } catch (SQLException e) {
                    // broken already
                }
                writeConnection = null;
                deleteFact = null;
                insertFact = null;
            }
        }
    }

    /** Stops the warm-up and gives the connections back; look-ups afterwards read the table. */
    public void close() {
        closed = true;
        Thread t;
        synchronized (this) {
            t = warmUp;
        }
        if (t != null) {
            t.interrupt();
        }
        Thread w;
        synchronized (writeLock) {
            w = writer;
            writeLock.notifyAll();
        }
        if (w != null) {
            try {
                w.join(10_000); // stores what is queued
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        warm = false;
        closeLookups();
        closeWriter();
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
        return switch (key) {
            case BUYER -> {
                Buyer b = c.buyer();
                yield b == null || blank(b.platformBuyerId()) ? null : hash(c.channel() + "\u0001" + b.platformBuyerId().strip());
            }
            case PHONE -> {
                Buyer b = c.buyer();
                String phone = b == null || b.phone() == null ? "" : PHONE_NOISE.matcher(b.phone()).replaceAll("");
                // a masked number (JD's 136*******5) names thousands of buyers: no key, so it never matches another
                yield phone.length() < 5 || phone.indexOf('*') >= 0 || phone.indexOf('＊') >= 0 ? null : hash(phone);
            }
            case DEVICE -> blank(c.facts().deviceId()) ? null : hash("device\u0001" + c.facts().deviceId().strip());
            case IP -> blank(c.facts().buyerIp()) ? null : hash("ip\u0001" + c.facts().buyerIp().strip().toLowerCase(Locale.ROOT));
            case ADDRESS -> {
                Address a = c.address();
                yield a == null || blank(a.detail()) ? null
                        : hash(String.join("\u0001", norm(a.province()), norm(a.city()), norm(a.district()), norm(a.street()),
                                norm(a.detail())));
            }
        };
    }

    private static String norm(String s) {
        return s == null ? "" : SPACES.matcher(s).replaceAll("").toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String hash(String s) {
        return HexFormat.of().formatHex(SHA256.get().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    });

    /** {@code SKU*2;SKU2*1}, cut at whole items to fit the column. */
    static String itemsText(List<StockItem> items) {
        StringBuilder b = new StringBuilder();
        for (StockItem i : items) {
            String one = (b.length() == 0 ? "" : ";") + i.sku() + "*" + i.quantity();
            if (b.length() + one.length() > MAX_ITEMS_TEXT) {
                break;
            }
            b.append(one);
        }
        return b.toString();
    }

    static List<StockItem> items(String text) {
        List<StockItem> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        try {
            for (String part : text.split(";")) {
                int star = part.lastIndexOf('*');
                out.add(new StockItem(part.substring(0, star), Integer.parseInt(part.substring(star + 1))));
            }
        } catch (RuntimeException e) { // a SKU with ';' in it (the text cannot tell it apart)
            throw new UnreadableItems("cannot read the items of a screened order: '" + text + "'", e);
        }
        return out;
    }

    /** A fact's items text that does not parse: the look-up fails, from the table as from memory. */
    static final class UnreadableItems extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        UnreadableItems(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
