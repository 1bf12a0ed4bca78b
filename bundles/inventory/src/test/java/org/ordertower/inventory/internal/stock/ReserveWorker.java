package org.ordertower.inventory.internal.stock;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.dbcp2.BasicDataSource;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.push.StockPusher;

/**
 * One node of the two-JVM test: its own inventory service on the shared PostgreSQL schema, callers
 * reserving the hot SKU. Prints READY, waits for GO on stdin, then prints what it got.
 * Arguments: jdbc-url user node-name callers requests-per-caller.
 */
public final class ReserveWorker {
    public static void main(String[] args) throws Exception {
        try (BasicDataSource ds = new BasicDataSource()) {
            ds.setUrl(args[0]);
            ds.setUsername(args[1]);
            ds.setMaxTotal(8);
            String node = args[2];
            int callers = Integer.parseInt(args[3]);
            int perCaller = Integer.parseInt(args[4]);
            Database db = new Database(ds);
            StockPusher pusher = new StockPusher(db, Clock.systemUTC(), new StockPusher.Options(50, 2, 50, Duration.ofHours(6), 100));
            DefaultInventoryService inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, 4, 512, 100_000, 60_000);
            System.out.println("READY");
            System.out.flush();
            new BufferedReader(new InputStreamReader(System.in)).readLine();
            AtomicInteger units = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(callers);
            List<Future<?>> fs = new ArrayList<>();
            for (int c = 0; c < callers; c++) {
                int caller = c;
                fs.add(pool.submit(() -> {
                    for (int i = 0; i < perCaller; i++) {
                        ReservationResult r = inventory.reserve(new ReservationRequest(node + "-" + caller + "-" + i, "ch" + (caller % 9),
                                List.of(new StockItem("HOT", 1 + i % 2)), List.of()));
                        if (r.status() == ReservationResult.Status.RESERVED) {
                            units.addAndGet(r.allocations().stream().mapToInt(a -> a.quantity()).sum());
                        } else {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : fs) {
                f.get();
            }
            pool.shutdown();
            inventory.close();
            pusher.close();
            System.out.println("RESULT " + units.get() + " " + refused.get());
        }
    }
}
