package org.ordertower.inventory.internal.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.TestDatabases;

/**
 * The acceptance test: 64 concurrent callers from 9 channels reserve one hot SKU holding
 * 1,000 units. Exactly 1,000 units end up reserved, every other request is refused as out of stock,
 * and the ledger proves the counters.
 */
class ReservationConcurrencyTest {
    private static final String[] CHANNELS = { "taobao", "tmall", "jd", "douyin", "pdd", "kuaishou", "youzan", "shopee", "own" };

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void hotSkuIsNeverOversold(String kind) throws Exception {
        try (StockFixture f = new StockFixture(TestDatabases.pooled(kind, 16), 4)) {
            f.sku("HOT");
            f.warehouse("WH-A", 1);
            f.warehouse("WH-B", 2);
            f.stock("HOT", "WH-A", 600);
            f.stock("HOT", "WH-B", 400);

            int callers = 64;
            int perCaller = 40; // 2,560 requests of 1-2 units for 1,000 units
            AtomicInteger reservedUnits = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perCaller; i++) {
                        int qty = 1 + (i % 2);
                        String channel = CHANNELS[caller % CHANNELS.length];
                        ReservationResult r = f.inventory.reserve(new ReservationRequest(channel + "-" + caller + "-" + i, channel,
                                List.of(new StockItem("HOT", qty)), List.of()));
                        if (r.status() == ReservationResult.Status.RESERVED) {
                            reservedUnits.addAndGet(r.allocations().stream().mapToInt(a -> a.quantity()).sum());
                        } else {
                            assertEquals(ReservationResult.Status.OUT_OF_STOCK, r.status());
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> fu : futures) {
                fu.get();
            }
            pool.shutdown();

            int total = f.inventory.view("HOT").rows().stream().mapToInt(StockRow::reserved).sum();
            assertTrue(reservedUnits.get() >= 999, "stock must sell out, reserved " + reservedUnits.get());
            assertTrue(reservedUnits.get() <= 1000, "oversold: " + reservedUnits.get());
            assertEquals(reservedUnits.get(), total, "units the callers were told equal the counters");
            assertEquals(callers * perCaller, f.count("SELECT COUNT(*) FROM reservation") + refused.get());
            assertEquals(0, f.inventory.view("HOT").sellable() - (1000 - total));
            LedgerCheck check = f.inventory.check();
            assertTrue(check.ok(), "ledger differences: " + check.differences());
            assertEquals(reservedUnits.get(), f.count("SELECT SUM(reserved_delta) FROM stock_ledger WHERE movement = 'RESERVE'"));
            // batching really folded reservations: far fewer transactions than requests
            long[] stats = f.inventory.reserverStats();
            assertTrue(stats[1] < stats[0], "batches " + stats[1] + " < requests " + stats[0]);
        }
    }

    /**
     * Many SKUs at once: 64 callers reserve 1 to 3 of 40 SKUs in two warehouses, so a batch moves many stock rows (on
     * PostgreSQL in one {@code UPDATE ... FROM unnest(...)}). No row is oversold, the callers were told what the
     * counters hold, and the ledger proves them.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void manySkusInOneBatchAreNeverOversold(String kind) throws Exception {
        try (StockFixture f = new StockFixture(TestDatabases.pooled(kind, 16), 2)) {
            f.warehouse("WH-A", 1);
            f.warehouse("WH-B", 2);
            List<String> skus = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String sku = String.format("S%02d", i);
                skus.add(sku);
                f.sku(sku);
                f.stock(sku, "WH-A", 30);
                f.stock(sku, "WH-B", 20);
            }
            int callers = 64;
            java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> told = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                futures.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(caller);
                    start.await();
                    for (int i = 0; i < 30; i++) {
                        java.util.TreeMap<String, Integer> items = new java.util.TreeMap<>();
                        for (int n = 1 + random.nextInt(3); n > 0; n--) {
                            items.merge(skus.get(random.nextInt(skus.size())), 1 + random.nextInt(3), Integer::sum);
                        }
                        ReservationResult r = f.inventory.reserve(new ReservationRequest("r-" + caller + "-" + i, "jd",
                                items.entrySet().stream().map(e -> new StockItem(e.getKey(), e.getValue())).toList(), List.of()));
                        if (r.status() == ReservationResult.Status.RESERVED) {
                            r.allocations().forEach(a -> told.computeIfAbsent(a.sku(), k -> new AtomicInteger())
                                    .addAndGet(a.quantity()));
                        } else {
                            assertEquals(ReservationResult.Status.OUT_OF_STOCK, r.status());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> fu : futures) {
                fu.get();
            }
            pool.shutdown();
            int sold = 0;
            for (String sku : skus) {
                int reserved = 0;
                for (StockRow row : f.inventory.view(sku).rows()) {
                    assertTrue(row.reserved() <= row.onHand(), "oversold " + row);
                    reserved += row.reserved();
                }
                int callersWereTold = told.containsKey(sku) ? told.get(sku).get() : 0;
                assertEquals(callersWereTold, reserved, sku);
                sold += reserved;
            }
            assertTrue(sold > 1000, "the SKUs sold (most of) their 2,000 units: " + sold);
            LedgerCheck check = f.inventory.check();
            assertTrue(check.ok(), "ledger differences: " + check.differences());
            long[] stats = f.inventory.reserverStats();
            assertTrue(stats[1] < stats[0], "batches " + stats[1] + " < requests " + stats[0]);
        }
    }
}
