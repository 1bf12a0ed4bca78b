package org.ordertower.rules.internal.history;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;

/** The history with its facts in memory against the table alone, on H2 and PostgreSQL. */
class OrderHistoryMemoryTest {
    private static final Instant NOW = Instant.parse("2026-11-11T04:00:00Z");
    private final List<OrderHistory> opened = new ArrayList<>();
    private final List<AutoCloseable> pools = new ArrayList<>();

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @AfterEach
    void close() throws Exception {
        opened.forEach(OrderHistory::close);
        for (AutoCloseable p : pools) {
            p.close();
        }
    }

    private Database database(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 6);
        pools.add((AutoCloseable) ds);
        OrderHistory.migrator(ds).migrate();
        return new Database(ds);
    }

    private OrderHistory open(Database db, OrderHistory.Settings settings) {
        OrderHistory h = new OrderHistory(db, settings);
        opened.add(h);
        return h;
    }

    private static OrderHistory.Settings memory(Clock clock) {
        return OrderHistory.Settings.defaults(clock).withTail(Duration.ofMillis(100), Duration.ofSeconds(3));
    }

    static Order order(long id, String buyer, String phone, String detail, String device, String ip, Instant at, BigDecimal paid,
            List<StockItem> items) {
        List<OrderLine> lines = new ArrayList<>();
        for (StockItem i : items) {
            lines.add(new OrderLine(String.valueOf(lines.size() + 1), "T-" + i.sku(), i.sku(), "t", i.quantity(), BigDecimal.ONE,
                    BigDecimal.valueOf(i.quantity()), false, null));
        }
        return new Order(id, OrderStatus.RECEIVED, RiskLevel.NONE, at, at, 1, new NormalizedOrder("tmall", "s1", "P" + id, 1, null,
                PaymentStatus.PAID, buyer == null && phone == null ? null : new Buyer("n", phone, buyer),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", detail, null), lines,
                new Amounts("CNY", paid, BigDecimal.ZERO, BigDecimal.ZERO, paid), at, at, at, null, null, List.of(),
                new ChannelFacts(ChannelFacts.NONE.state(), null, device, ip)));
    }

    private static Order simple(long id, String buyer, Instant at) {
        return order(id, buyer, null, null, null, null, at, BigDecimal.TEN, List.of(new StockItem("CUP", 1)));
    }

    /** Each list as comparable text, ties in placing time put in order id order (the table leaves them unordered). */
    private static Map<OrderHistory.Key, List<String>> normal(Map<OrderHistory.Key, List<OrderFact>> found) {
        Map<OrderHistory.Key, List<String>> out = new java.util.EnumMap<>(OrderHistory.Key.class);
        found.forEach((k, l) -> {
            for (int i = 1; i < l.size(); i++) {
                assertFalse(l.get(i).at().isAfter(l.get(i - 1).at()), "newest first: " + l);
            }
            out.put(k, l.stream().sorted(Comparator.comparing(OrderFact::at).reversed().thenComparing(OrderFact::orderId))
                    .map(f -> f.orderId() + "@" + f.at() + " " + f.paid() + " " + f.items()).toList());
        });
        return out;
    }

    private static List<Long> ids(List<OrderFact> facts) {
        return facts.stream().map(OrderFact::orderId).toList();
    }

    /**
     * A random stream of orders (buyers, phones, addresses, devices and IPs shared, orders screened again
     * with other keys, late and old orders, placing times on the window edges, odd amounts), each looked
     * up in memory and in the table before it is recorded: the same facts every time. With a cap of 40
     * facts, most look-ups read the older part from the table.
     */
    @ParameterizedTest
    @CsvSource({ "h2,100000", "h2,40", "postgres,100000", "postgres,40" })
    void aRandomStreamGetsTheSameAnswersAsTheTable(String kind, int maxFacts) throws Exception {
        Database db = database(kind);
        MovingClock clock = new MovingClock(NOW);
        OrderHistory table = open(db, OrderHistory.Settings.tableOnly());
        SplittableRandom rnd = new SplittableRandom(11);
        long nextId = 1;
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) { // some history before this node starts
            Order o = random(rnd, nextId++, clock.instant());
            ids.add(o.id());
            table.record(o, items(o));
        }
        OrderHistory mem = open(db, memory(clock).withMaxFacts(maxFacts));
        mem.start();
        assertTrue(mem.awaitWarm(Duration.ofSeconds(30)));
        int compared = 0;
        for (int i = 0; i < 400; i++) {
            clock.advance(Duration.ofSeconds(rnd.nextInt(240)));
            long id = rnd.nextInt(100) < 15 ? ids.get(rnd.nextInt(ids.size())) : nextId++;
            Order o = random(rnd, id, clock.instant());
            ids.add(id);
            Instant since = clock.instant().minus(OrderHistory.REACH);
            Map<OrderHistory.Key, List<OrderFact>> fromMemory = mem.find(o, since);
            mem.flush(); // the table has every fact recorded before
            assertEquals(normal(table.find(o, since)), normal(fromMemory), "order " + i + " (" + id + ")");
            compared += fromMemory.values().stream().mapToInt(List::size).sum();
            mem.record(o, items(o));
        }
        assertTrue(compared > 1000, "the look-ups found facts: " + compared);
        OrderHistory.MemoryStats stats = mem.memory();
        assertTrue(stats.warm());
        if (maxFacts == 40) {
            assertTrue(stats.overflowed() > 0, "the cap was reached: " + stats);
            assertTrue(stats.facts() <= 40, "at most the cap: " + stats);
        } else {
            assertEquals(0, stats.overflowed());
        }
    }

    private static Order random(SplittableRandom rnd, long id, Instant now) {
        int r = rnd.nextInt(100);
        Instant at = r < 5 ? now.minus(Duration.ofMinutes(rnd.nextInt(50 * 60))) // old, some beyond the reach
                : r < 8 ? now.minus(Duration.ofMinutes(5)) // on the duplicate window's edge
                        : r < 10 ? now.minus(OrderHistory.REACH) // on the reach's edge
                                : r < 12 ? now.plusMillis(rnd.nextInt(5000)) // the platform's clock ahead
                                        : now.minusMillis(rnd.nextInt(30 * 60_000)).minusNanos(rnd.nextInt(1000));
        List<StockItem> items = new ArrayList<>();
        for (int j = 0, n = rnd.nextInt(4); j < n; j++) {
            items.add(new StockItem("S" + rnd.nextInt(12), 1 + rnd.nextInt(3)));
        }
        BigDecimal paid = BigDecimal.valueOf(rnd.nextLong(1_000_000_000L), rnd.nextInt(6));
        return order(id, rnd.nextInt(10) == 0 ? null : "b" + rnd.nextInt(40), rnd.nextInt(5) == 0 ? "12" : "1380000" + rnd.nextInt(30),
                rnd.nextInt(8) == 0 ? " " : rnd.nextInt(30) + (rnd.nextBoolean() ? "号" : " 号"),
                rnd.nextBoolean() ? null : "dev" + rnd.nextInt(10), rnd.nextBoolean() ? null : "10.0.0." + rnd.nextInt(5), at, paid, items);
    }

    private static List<StockItem> items(Order o) {
        return o.content().lines().stream().map(l -> new StockItem(l.masterSku(), l.quantity())).toList();
    }

    /** Two nodes over one database: each sees the other's facts, and the other's replacements, within the tail interval. */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void twoNodesSeeEachOthersFacts(String kind) throws Exception {
        Database db = database(kind);
        MovingClock clock = new MovingClock(NOW);
        OrderHistory a = open(db, memory(clock));
        OrderHistory b = open(db, memory(clock));
        a.start();
        b.start();
        assertTrue(a.awaitWarm(Duration.ofSeconds(30)) && b.awaitWarm(Duration.ofSeconds(30)));
        Instant since = NOW.minus(OrderHistory.REACH);
        a.record(simple(1, "x", NOW.minusSeconds(60)), List.of(new StockItem("CUP", 1)));
        long recorded = System.nanoTime();
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids(b.find(simple(2, "x", NOW), since).get(OrderHistory.Key.BUYER)).equals(List.of(1L)));
        long lagMs = (System.nanoTime() - recorded) / 1_000_000;
        assertTrue(lagMs < 1000, "b saw a's fact after " + lagMs + " ms");

        b.record(simple(1, "y", NOW.minusSeconds(30)), List.of(new StockItem("CUP", 1))); // screened again on b, another buyer
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> ids(a.find(simple(3, "y", NOW), since).get(OrderHistory.Key.BUYER)).equals(List.of(1L)));
        assertEquals(List.of(), ids(a.find(simple(4, "x", NOW), since).get(OrderHistory.Key.BUYER)), "the replaced fact is gone");
        assertEquals(1, a.memory().facts(), "and not counted twice");
        assertEquals(1, b.memory().facts());
    }

    /**
     * A node starting over a table that has facts: the table answers until memory is warm, then memory
     * does, with what lies within the reach; a fact recorded again counts once; facts leave with age.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void warmsUpFromTheTableAndForgetsWithAge(String kind) throws Exception {
        Database db = database(kind);
        OrderHistory writer = open(db, OrderHistory.Settings.tableOnly());
        for (int i = 1; i <= 300; i++) {
            writer.record(simple(i, "b" + i % 7, NOW.minus(Duration.ofMinutes(11L * i))), List.of(new StockItem("CUP", i % 3 + 1)));
        }
        MovingClock clock = new MovingClock(NOW);
        OrderHistory mem = open(db, memory(clock));
        Instant since = NOW.minus(OrderHistory.REACH);
        Order probe = simple(1000, "b3", NOW);
        assertFalse(mem.memory().warm());
        assertEquals(normal(writer.find(probe, since)), normal(mem.find(probe, since)), "from the table while cold");
        mem.start();
        assertTrue(mem.awaitWarm(Duration.ofSeconds(30)));
        int within = (int) (OrderHistory.REACH.toMinutes() / 11); // facts 1..261 lie within 48 h
        assertEquals(within, mem.memory().facts());
        assertTrue(mem.memory().bytes() > 0);
        for (int b = 0; b < 7; b++) {
            Order o = simple(1000 + b, "b" + b, NOW);
            assertEquals(normal(writer.find(o, since)), normal(mem.find(o, since)), "buyer b" + b);
        }
        mem.record(simple(5, "b5", NOW.minus(Duration.ofMinutes(55))), List.of(new StockItem("POT", 1)));
        assertEquals(within, mem.memory().facts(), "recorded again: still one fact");
        assertEquals(List.of(new StockItem("POT", 1)),
                mem.find(simple(1005, "b5", NOW), since).get(OrderHistory.Key.BUYER).stream().filter(f -> f.orderId() == 5).findFirst().orElseThrow().items());

        mem.flush();
        clock.advance(Duration.ofHours(24));
        Order later = simple(2000, "b3", clock.instant());
        Instant laterSince = clock.instant().minus(OrderHistory.REACH);
        assertEquals(normal(writer.find(later, laterSince)), normal(mem.find(later, laterSince)));
        mem.record(later, List.of(new StockItem("CUP", 1)));
        int stillWithin = (int) (OrderHistory.REACH.minusHours(24).toMinutes() / 11) + 1;
        assertEquals(stillWithin, mem.memory().facts(), "the facts placed more than 48 h before the last look-up left");
        assertEquals(0, mem.memory().overflowed());
    }

    /** Beyond its cap, memory answers for the newest facts and the table for the rest: the same facts. */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void beyondTheCapTheOlderPartComesFromTheTable(String kind) throws Exception {
        Database db = database(kind);
        MovingClock clock = new MovingClock(NOW);
        OrderHistory mem = open(db, memory(clock).withMaxFacts(50));
        OrderHistory table = open(db, OrderHistory.Settings.tableOnly());
        mem.start();
        assertTrue(mem.awaitWarm(Duration.ofSeconds(30)));
        for (int i = 1; i <= 120; i++) {
            mem.record(simple(i, "x", NOW.minus(Duration.ofMinutes(200 - i))), List.of(new StockItem("CUP", 1)));
        }
        OrderHistory.MemoryStats stats = mem.memory();
        assertEquals(50, stats.facts());
        assertEquals(70, stats.overflowed());
        assertEquals(NOW.minus(Duration.ofMinutes(200 - 70)).plusNanos(1000), stats.coveredFrom());
        Order o = simple(500, "x", NOW);
        List<OrderFact> found = mem.find(o, NOW.minus(OrderHistory.REACH)).get(OrderHistory.Key.BUYER);
        assertEquals(120, found.size());
        mem.flush();
        assertEquals(normal(table.find(o, NOW.minus(OrderHistory.REACH))), normal(mem.find(o, NOW.minus(OrderHistory.REACH))));
        assertEquals(50, ids(mem.find(o, NOW.minus(Duration.ofMinutes(129))).get(OrderHistory.Key.BUYER)).size(),
                "a window memory covers is answered from memory alone");
    }

    /**
     * Memory takes a node's facts at once and the writer stores them shortly after: a cold node, which
     * reads the table, waits for its own facts to be stored first; the table has them all after a flush.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aNodeReadingTheTableFindsItsOwnFactsStoredBehind(String kind) throws Exception {
        Database db = database(kind);
        MovingClock clock = new MovingClock(NOW);
        OrderHistory cold = open(db, memory(clock));
        OrderHistory table = open(db, OrderHistory.Settings.tableOnly());
        for (int i = 1; i <= 30; i++) {
            cold.record(simple(i, "x", NOW.minusSeconds(i)), List.of(new StockItem("CUP", 1)));
        }
        assertFalse(cold.memory().warm());
        assertEquals(30, cold.find(simple(100, "x", NOW), NOW.minus(OrderHistory.REACH)).get(OrderHistory.Key.BUYER).size());
        cold.record(simple(31, "x", NOW), List.of(new StockItem("CUP", 1)));
        cold.flush();
        assertEquals(31, table.find(simple(100, "x", NOW), NOW.minus(OrderHistory.REACH)).get(OrderHistory.Key.BUYER).size());
    }

    /** A node that recorded many facts at once (one transaction, one recorded_at): the other reads them in pages, all. */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theOtherNodesFactsComeInPages(String kind) throws Exception {
        Database db = database(kind);
        MovingClock clock = new MovingClock(NOW);
        OrderHistory a = open(db, memory(clock));
        OrderHistory b = open(db, memory(clock));
        a.start();
        b.start();
        assertTrue(a.awaitWarm(Duration.ofSeconds(30)) && b.awaitWarm(Duration.ofSeconds(30)));
        int page = FactTable.tailPage;
        FactTable.tailPage = 7;
        try {
            for (int i = 1; i <= 40; i++) {
                a.record(simple(i, "x", NOW.minusSeconds(i)), List.of(new StockItem("CUP", 1)));
            }
            a.flush();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                    .until(() -> b.find(simple(100, "x", NOW), NOW.minus(OrderHistory.REACH)).get(OrderHistory.Key.BUYER).size() == 40);
            assertEquals(40, b.memory().facts());
        } finally {
            FactTable.tailPage = page;
        }
    }
}
