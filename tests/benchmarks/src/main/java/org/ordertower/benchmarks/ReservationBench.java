package org.ordertower.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.dbcp2.BasicDataSource;
import org.ordertower.api.Actor;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.push.StockPusher;
import org.ordertower.inventory.internal.stock.DefaultInventoryService;
import org.ordertower.inventory.internal.store.InventorySchema;

/**
 * Reservation throughput and latency, OrderTower's batched reserver beside the plain baseline, on
 * H2 and PostgreSQL, for one hot SKU and for 10,000 SKUs; then the stock push lag at a steady
 * 1,000 reservations/s. Prints a table; see docs/benchmarks.md for how to run it.
 *
 * <p>Arguments (all optional): {@code --db h2,postgres --seconds 20 --warmup 5 --clients 64 --push-rate 1000
 * --stripes 4 --scenarios hot,spread} ({@code --stripes}: OrderTower's reservation threads, {@code reserve.stripes})
 *
 * <p>Run: {@code tests/benchmarks/run.sh reservation --db h2,postgres --seconds 20 --warmup 5}.
 */
public final class ReservationBench {
    private static final String WH = "WH1";
    private static final int SPREAD = 10_000;

    private interface Call {
        boolean reserve(String reference, List<StockItem> items) throws Exception;
    }

    record Figures(String db, String scenario, String method, long ops, double seconds, double p50, double p99, long refused,
            boolean ledgerOk) {
        double rate() {
            return ops / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        List<String> dbs = List.of("h2", "postgres");
        int seconds = 20;
        int warmup = 5;
        int clients = 64;
        int pushRate = 1000;
        List<String> scenarios = List.of("hot", "spread");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--db" -> dbs = Arrays.asList(args[i + 1].split(","));
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--push-rate" -> pushRate = Integer.parseInt(args[i + 1]);
                case "--stripes" -> stripes = Integer.parseInt(args[i + 1]);
                case "--scenarios" -> scenarios = Arrays.asList(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("reservation benchmark: %d clients, %d reservation stripes, %d s measured after %d s warm-up, %d cores%n",
                clients, stripes, seconds, warmup, Runtime.getRuntime().availableProcessors());
        List<Figures> all = new ArrayList<>();
        for (String db : dbs) {
            for (String scenario : scenarios) {
                for (String method : List.of("ordertower", "baseline")) {
                    Figures f = run(db, scenario, method, clients, seconds, warmup);
                    all.add(f);
                    print(f);
                }
            }
            pushLag(db, pushRate, seconds);
        }
        System.out.println();
        System.out.println("| database | SKUs | method | reservations/s | p50 ms | p99 ms | ledger check |");
        System.out.println("|---|---|---|---:|---:|---:|---|");
        for (Figures f : all) {
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %,.0f | %.1f | %.1f | %s |%n", f.db, f.scenario.equals("hot") ? "1 hot" : "10,000",
                    f.method, f.rate(), f.p50, f.p99, f.ledgerOk ? "ok" : "DIFFERENCES");
        }
    }

    private static void print(Figures f) {
        System.out.printf(Locale.ROOT, "%-8s %-6s %-10s %,10.0f res/s  p50 %6.1f ms  p99 %6.1f ms  refused %d  ledger %s%n", f.db,
                f.scenario, f.method, f.rate(), f.p50, f.p99, f.refused, f.ledgerOk ? "ok" : "DIFFERENCES");
    }

    /** OrderTower's reservation threads ({@code reserve.stripes}); the distribution's default is 4. */
    private static int stripes = 4;

    private static Figures run(String kind, String scenario, String method, int clients, int seconds, int warmup) throws Exception {
        try (BasicDataSource ds = TestDatabases.pooled(kind, Math.max(8, method.equals("baseline") ? clients : stripes + 4))) {
            InventorySchema.migrator(ds).migrate();
            Database db = new Database(ds);
            StockPusher pusher = new StockPusher(db, Clock.systemUTC(), new StockPusher.Options(50, 3, 100, Duration.ofHours(6), 100));
            DefaultInventoryService inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, stripes, 1024, 200_000, 60_000);
            int skus = scenario.equals("hot") ? 1 : SPREAD;
            seed(ds, inventory, skus, 100_000_000 / skus);
            BaselineReserver baseline = new BaselineReserver(db);
            Call call = method.equals("baseline") ? (ref, items) -> baseline.reserve(ref, WH, items)
                    : (ref, items) -> inventory.reserve(new ReservationRequest(ref, "bench", items, List.of())).status()
                            == ReservationResult.Status.RESERVED;
            Figures f = drive(kind, scenario, method, clients, seconds, warmup, skus, call);
            LedgerCheck check = inventory.check();
            inventory.close();
            pusher.close();
            return new Figures(f.db, f.scenario, f.method, f.ops, f.seconds, f.p50, f.p99, f.refused, check.ok());
        }
    }

    private static void seed(BasicDataSource ds, DefaultInventoryService inventory, int skus, int units) throws Exception {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement sku = c.prepareStatement("INSERT INTO sku (code, name, base_price, weight_g, attributes, cold_chain, "
                    + "low_stock_threshold, presale_threshold, presale_quota, updated_at) VALUES (?, ?, 10, 100, '', FALSE, 0, 0, 0, ?)")) {
                for (int i = 0; i < skus; i++) {
                    sku.setString(1, code(i));
                    sku.setString(2, "bench " + i);
                    sku.setObject(3, OffsetDateTime.now());
                    sku.addBatch();
                }
                sku.executeBatch();
            }
            c.commit();
        }
        inventory.saveWarehouse(new Warehouse(WH, "Bench", "Zhejiang", 30, 120, Warehouse.Type.OWN, 1));
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement st = c.prepareStatement("INSERT INTO stock (sku, warehouse, on_hand, reserved, safety, quarantine) "
                    + "VALUES (?, ?, ?, 0, 0, 0)");
                    PreparedStatement led = c.prepareStatement("INSERT INTO stock_ledger (at, sku, warehouse, movement, on_hand_delta, "
                            + "reserved_delta, safety_delta, quarantine_delta, reference, actor) VALUES (?, ?, ?, 'RECEIVE', ?, 0, 0, 0, 'seed', 'bench')")) {
                for (int i = 0; i < skus; i++) {
                    st.setString(1, code(i));
                    st.setString(2, WH);
                    st.setInt(3, units);
                    st.addBatch();
                    led.setObject(1, OffsetDateTime.now());
                    led.setString(2, code(i));
                    led.setString(3, WH);
                    led.setInt(4, units);
                    led.addBatch();
                }
                st.executeBatch();
                led.executeBatch();
            }
            c.commit();
        }
    }

    private static String code(int i) {
        return String.format("SKU%05d", i);
    }

    private static Figures drive(String kind, String scenario, String method, int clients, int seconds, int warmup, int skus, Call call)
            throws Exception {
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong ops = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong seq = new AtomicLong();
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(clients);
        for (int c = 0; c < clients; c++) {
            Thread t = new Thread(() -> {
                long[] lat = new long[1 << 20];
                int n = 0;
                try {
                    while (!stop.get()) {
                        ThreadLocalRandom r = ThreadLocalRandom.current();
                        List<StockItem> items = List.of(new StockItem(code(skus == 1 ? 0 : r.nextInt(skus)), 1 + r.nextInt(2)));
                        long t0 = System.nanoTime();
                        boolean ok = call.reserve(method + "-" + seq.incrementAndGet(), items);
                        long t1 = System.nanoTime();
                        if (measuring.get()) {
                            ops.incrementAndGet();
                            if (!ok) {
                                refused.incrementAndGet();
                            }
                            if (n < lat.length) {
                                lat[n++] = t1 - t0;
                            }
                        }
                    }
                } catch (Exception e) {
                    System.err.println("client failed: " + e);
                } finally {
                    samples.add(Arrays.copyOf(lat, n));
                    done.countDown();
                }
            });
            t.setDaemon(true);
            t.start();
        }
        Thread.sleep(warmup * 1000L);
        measuring.set(true);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        done.await();
        long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Figures(kind, scenario, method, ops.get(), elapsed, pct(all, 0.50), pct(all, 0.99), refused.get(), true);
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) (sorted.length * p))] / 1e6;
    }

    /** Reservations at a steady rate on mapped SKUs; lag from commit to the channel receiving the quantity. */
    private static void pushLag(String kind, int rate, int seconds) throws Exception {
        try (BasicDataSource ds = TestDatabases.pooled(kind, 8)) {
            InventorySchema.migrator(ds).migrate();
            Database db = new Database(ds);
            StockPusher pusher = new StockPusher(db, Clock.systemUTC(), new StockPusher.Options(50, 3, 100, Duration.ofHours(6), 100));
            DefaultInventoryService inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, stripes, 1024, 200_000, 60_000);
            int skus = 2_000;
            seed(ds, inventory, skus, 100_000);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO sku_mapping (channel, shop, channel_sku, master_sku, factor) "
                        + "SELECT 'bench', 'shop1', 'L-' || code, code, 1 FROM sku");
            }
            ConcurrentLinkedQueue<Long> lags = new ConcurrentLinkedQueue<>();
            AtomicBoolean measuring = new AtomicBoolean();
            pusher.addUpdater(new StockUpdater() {
                @Override
                public String channelId() {
                    return "bench";
                }

                @Override
                public void updateStock(StockUpdate u) {
                    if (measuring.get()) {
                        lags.add(Duration.between(u.changedAt(), Instant.now()).toMillis());
                    }
                }
            });
            Thread.sleep(3_000); // the first full sync
            measuring.set(true);
            long periodNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long end = next + seconds * 1_000_000_000L;
            long sent = 0;
            ThreadLocalRandom r = ThreadLocalRandom.current();
            while (System.nanoTime() < end) {
                inventory.reserveAsync(new ReservationRequest("lag-" + sent++, "bench", List.of(new StockItem(code(r.nextInt(skus)), 1)),
                        List.of()));
                next += periodNanos;
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            Thread.sleep(2_000);
            measuring.set(false);
            long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-8s push lag at %d reservations/s over %d s: %d pushes, p50 %d ms, p99 %d ms, max %d ms%n", kind,
                    rate, seconds, sorted.length, sorted.length == 0 ? -1 : sorted[sorted.length / 2],
                    sorted.length == 0 ? -1 : sorted[(int) (sorted.length * 0.99)], sorted.length == 0 ? -1 : sorted[sorted.length - 1]);
            inventory.close();
            pusher.close();
        }
    }
}
