package org.ordertower.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RiskLevel;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.rules.RuleStatistics;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.rules.fulfilmentbasic.internal.FulfilmentBasicPack;
import org.ordertower.rules.internal.engine.RuleEngine;
import org.ordertower.rules.internal.history.OrderHistory;
import org.ordertower.rules.riskbasic.internal.RiskBasicPack;

/**
 * Screening cost per order with both shipped packs on, on one thread: the day's history is first
 * filled with {@code --history} orders (buyers, phones and addresses that the screened orders share,
 * so the look-ups find rows), then {@code --orders} orders are screened one after another, each
 * screening including its look-ups and the write of its own fact. Prints p50/p99/mean and orders/s,
 * then each rule's mean evaluation time.
 *
 * <p>The history keeps the day's facts in memory ({@code --memory off}: every look-up reads the table);
 * it prints the facts held and their bytes per fact, estimated and measured on the heap after GC.
 *
 * <p>Arguments (optional): {@code --db h2|postgres --history 1000000 --orders 20000 --warmup 5000 --memory on|off}
 *
 * <p>Run: {@code tests/benchmarks/run.sh screening --db h2 --history 1000000 --orders 20000}.
 */
public final class ScreeningBench {

    public static void main(String[] args) throws Exception {
        String kind = "h2";
        int historySize = 1_000_000;
        int orders = 20_000;
        int warmup = 5_000;
        boolean memory = true;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--db" -> kind = args[i + 1];
                case "--history" -> historySize = Integer.parseInt(args[i + 1]);
                case "--orders" -> orders = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--memory" -> memory = !args[i + 1].equals("off");
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DataSource ds = TestDatabases.pooled(kind, 4);
        OrderHistory.migrator(ds).migrate();
        Instant now = Instant.parse("2026-11-11T06:00:00Z");
        int people = Math.max(1, historySize / 3);
        long t0 = System.nanoTime();
        fill(ds, historySize, people, now);
        System.out.printf(Locale.ROOT, "history: %,d screened orders today (%,d buyers), filled in %.0f s%n", historySize, people,
                (System.nanoTime() - t0) / 1e9);

        Map<String, Optional<Sku>> skus = new HashMap<>();
        for (int s = 0; s < 1000; s++) {
            skus.put("S" + s, Optional.of(new Sku("S" + s, "sku " + s, null, new BigDecimal("50.00"), 100, Map.of(), s % 50 == 0,
                    List.of(), 0, 0, 0)));
        }
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        OrderHistory history = new OrderHistory(new Database(ds),
                memory ? OrderHistory.Settings.defaults(clock) : OrderHistory.Settings.tableOnly());
        long heapBefore = usedHeap();
        t0 = System.nanoTime();
        history.start();
        if (memory && !history.awaitWarm(Duration.ofMinutes(10))) {
            throw new IllegalStateException("the history did not warm up in 10 minutes");
        }
        if (memory) {
            long heap = usedHeap() - heapBefore;
            OrderHistory.MemoryStats m = history.memory();
            System.out.printf(Locale.ROOT, "memory: %,d facts held, warm in %.1f s, %.0f MB: %.0f bytes/fact estimated, %.0f bytes/fact"
                    + " measured (heap growth after GC; with H2 embedded it includes H2's page cache)%n", m.facts(), (System.nanoTime() - t0) / 1e9, m.bytes() / 1048576.0, m.bytesPerFact(),
                    (double) heap / m.facts());
        }
        RuleEngine engine = new RuleEngine(history, clock,
                code -> skus.getOrDefault(code, Optional.empty()), sku -> OptionalInt.of(100));
        engine.add(new RiskBasicPack());
        engine.add(new FulfilmentBasicPack());

        SplittableRandom random = new SplittableRandom(7);
        long[] nanos = new long[orders];
        int reviewed = 0;
        for (int i = -warmup; i < orders; i++) {
            Order o = order(10_000_000L + i + warmup, random.nextInt(people), random, now);
            long start = System.nanoTime();
            RiskLevel level = engine.screen(o).level();
            long took = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = took;
                reviewed += level.ordinal() >= RiskLevel.REVIEW.ordinal() ? 1 : 0;
            }
        }
        Arrays.sort(nanos);
        double total = Arrays.stream(nanos).sum() / 1e9;
        System.out.printf(Locale.ROOT, "%s: %,d orders screened on one thread: p50 %.0f µs, p99 %.0f µs, mean %.0f µs, %,.0f orders/s"
                + " (%d sent to review or frozen)%n", kind, orders, nanos[orders / 2] / 1e3, nanos[(int) (orders * 0.99)] / 1e3,
                total * 1e6 / orders, orders / total, reviewed);
        for (RuleStatistics s : engine.statistics()) {
            System.out.printf(Locale.ROOT, "  %-32s mean %6.1f µs  hits %,8d%n", s.rule(), s.meanMicros(), s.hits());
        }
        // the look-up alone (all five keys of an order, 48 h back), as the first rule that asks pays it
        long[] lookups = new long[orders];
        long found = 0;
        for (int i = 0; i < orders; i++) {
            Order o = order(20_000_000L + i, random.nextInt(people), random, now);
            long start = System.nanoTime();
            found += history.find(o, now.minus(OrderHistory.REACH)).values().stream().mapToInt(List::size).sum();
            lookups[i] = System.nanoTime() - start;
        }
        Arrays.sort(lookups);
        System.out.printf(Locale.ROOT, "look-up alone: p50 %.1f µs, p99 %.1f µs, mean %.1f µs (%.1f facts found per order)%n",
                lookups[orders / 2] / 1e3, lookups[(int) (orders * 0.99)] / 1e3, Arrays.stream(lookups).sum() / 1e3 / orders,
                (double) found / orders);
        long drain = System.nanoTime();
        history.flush(); // the writer stores the facts behind memory: how far behind the table was
        System.out.printf(Locale.ROOT, "table caught up with the writer %.1f s after the last look-up%n", (System.nanoTime() - drain) / 1e9);
        if (memory) {
            OrderHistory.MemoryStats m = history.memory();
            System.out.printf(Locale.ROOT, "memory after: %,d facts held, %.0f bytes/fact estimated, covered from %s, %d evicted for room%n",
                    m.facts(), m.bytesPerFact(), m.coveredFrom(), m.overflowed());
        }
        history.close();
        if (ds instanceof AutoCloseable c) {
            c.close();
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** {@code n} facts of the last 20 hours, over {@code people} buyers/phones/addresses, by batched inserts. */
    private static void fill(DataSource ds, int n, int people, Instant now) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO screen_fact (order_id, placed_at, buyer_key, "
                    + "address_key, phone_key, paid, items) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < n; i++) {
                    int p = random.nextInt(people);
                    Order o = order(i + 1, p, random, now.minus(Duration.ofMinutes(random.nextInt(20 * 60))));
                    NormalizedOrder content = o.content();
                    ps.setLong(1, o.id());
                    ps.setObject(2, content.createdAt().atOffset(ZoneOffset.UTC));
                    ps.setString(3, OrderHistory.keyFor(OrderHistory.Key.BUYER, content));
                    ps.setString(4, OrderHistory.keyFor(OrderHistory.Key.ADDRESS, content));
                    ps.setString(5, OrderHistory.keyFor(OrderHistory.Key.PHONE, content));
                    ps.setBigDecimal(6, content.amounts().paid());
                    ps.setString(7, "S" + random.nextInt(1000) + "*1");
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
                ps.executeBatch();
                c.commit();
            }
        }
    }

    private static Order order(long id, int person, SplittableRandom random, Instant at) {
        String sku1 = "S" + random.nextInt(1000);
        String sku2 = "S" + random.nextInt(1000);
        BigDecimal price = new BigDecimal(random.nextInt(100) < 3 ? "20.00" : "49.00");
        List<OrderLine> lines = List.of(new OrderLine("1", "T-" + sku1, sku1, "a", 1, price, price, false, null),
                new OrderLine("2", "T-" + sku2, sku2, "b", 2, price, price.add(price), false, null));
        BigDecimal paid = price.multiply(BigDecimal.valueOf(3));
        return new Order(id, OrderStatus.RECEIVED, RiskLevel.NONE, at, at, 1, new NormalizedOrder("tmall", "s1", "B" + id, 1,
                null, PaymentStatus.PAID, new Buyer("buyer", "139" + String.format("%08d", person), "buyer-" + person),
                new Address("CN", "江苏省", "南京市", "玄武区", "中山路", person + "号", null), lines,
                new Amounts("CNY", paid, BigDecimal.ZERO, BigDecimal.ZERO, paid), at, at, at, null, null,
                person % 10 == 0 ? List.of("live") : List.of()));
    }
}
