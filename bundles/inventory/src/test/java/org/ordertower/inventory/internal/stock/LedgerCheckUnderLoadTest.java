package org.ordertower.inventory.internal.stock;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.Actor;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.jdbc.TestDatabases;

/**
 * {@code stock:check} while orders reserve and release: every check reads one snapshot, so it is clean however busy
 * the stock is. The peak drill found the check unclean on every row while orders still came in, on H2, whose
 * REPEATABLE READ keeps only the rows a transaction has read (rows first read after a concurrent commit are read as
 * committed), so a counter could be newer than the ledger sums read before it.
 */
class LedgerCheckUnderLoadTest {
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aCheckIsCleanWhileReservationsCommit(String kind) throws Exception {
        try (StockFixture f = new StockFixture(TestDatabases.pooled(kind, 12), 4)) {
            String[] skus = { "A", "B", "C" };
            f.warehouse("WH", 1);
            for (String s : skus) {
                f.sku(s);
                f.stock(s, "WH", 1_000_000);
            }
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger reserved = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(6);
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 6; w++) {
                int worker = w;
                workers.add(pool.submit(() -> {
                    for (int i = 0; !stop.get(); i++) {
                        String ref = "load-" + worker + "-" + i;
                        ReservationResult r = f.inventory.reserve(new ReservationRequest(ref, "taobao",
                                List.of(new StockItem(skus[i % 3], 1), new StockItem(skus[(i + 1) % 3], 2)), List.of()));
                        if (r.status() == ReservationResult.Status.RESERVED) {
                            reserved.incrementAndGet();
                            if (i % 2 == 0) {
                                f.inventory.release(ref, Actor.SYSTEM, "load test");
                            }
                        }
                    }
                    return null;
                }));
            }
            List<String> unclean = new ArrayList<>();
            int checks = 0;
            try {
                long until = System.nanoTime() + 3_000_000_000L; // checks for 3 s while the workers commit
                for (int c = 0; c < 25 || System.nanoTime() < until; c++) {
                    checks++;
                    LedgerCheck check = f.inventory.check();
                    if (!check.ok()) {
                        unclean.add("check " + c + " after " + reserved.get() + " reservations: " + check.differences());
                    }
                }
            } finally {
                stop.set(true);
                for (Future<?> w : workers) {
                    w.get();
                }
                pool.shutdown();
            }
            assertTrue(reserved.get() > 100, "the stock was busy while it was checked: " + reserved.get());
            assertTrue(unclean.isEmpty(), unclean.size() + " of " + checks + " checks unclean; the first: "
                    + (unclean.isEmpty() ? "" : unclean.get(0)));
            assertTrue(f.inventory.check().ok(), "and at rest");
        }
    }
}
