package org.ordertower.inventory.internal.catalog;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;

class CatalogConcurrencyTest {

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void concurrentSavesOfANewSkuAllSucceed(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                String code = "NEW-" + round;
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<Object>> saves = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    String name = "thread " + t;
                    saves.add(pool.submit(() -> {
                        start.await();
                        f.catalog.saveSku(Sku.plain(code, name, BigDecimal.ONE));
                        return null;
                    }));
                }
                for (Future<Object> s : saves) {
                    s.get(30, TimeUnit.SECONDS);
                }
                assertTrue(f.catalog.sku(code).isPresent());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void twoSavesCannotTogetherPutAKitInsideAKit(String kind) throws Exception {
        CatalogFixture f = new CatalogFixture(kind);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String kit = "K" + round;
                String part = "P" + round;
                String leaf = "Q" + round;
                f.plain(kit);
                f.plain(part);
                f.plain(leaf);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Boolean>> saves = List.of(
                        pool.submit(attempt(start, () -> f.kit(kit, new KitPart(part, 1)))),
                        pool.submit(attempt(start, () -> f.kit(part, new KitPart(leaf, 1)))));
                int saved = 0;
                for (Future<Boolean> s : saves) {
                    saved += s.get(30, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertTrue(saved <= 1, "round " + round + ": both saves succeeded");
            }
            try (Connection c = f.dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kit_part a JOIN kit_part b "
                            + "ON a.part_sku = b.kit_sku")) {
                rs.next();
                assertEquals(0, rs.getInt(1), "no kit may have a kit as a part");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** True when the save went through, false when the catalog refused it; a lost deadlock counts as refused. */
    private static Callable<Boolean> attempt(CyclicBarrier start, Runnable save) {
        return () -> {
            start.await();
            try {
                save.run();
                return true;
            } catch (InventoryException | org.ordertower.api.StoreUnavailableException e) {
                return false;
            }
        };
    }
}
