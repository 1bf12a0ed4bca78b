package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** The shared buckets are JVM-wide: each test uses app keys of its own. */
class RateLimiterTest {
    private static final AtomicInteger APPS = new AtomicInteger();

    private static String app() {
        return "app-" + APPS.incrementAndGet() + "-" + System.nanoTime();
    }

    @Test
    void oneBucketPerGatewayAndAppKey() {
        String app = app();
        RateLimiter taobao = RateLimiter.shared(RateLimiter.TOP + app, 40);
        RateLimiter cainiao = RateLimiter.shared("top:" + app, 40);
        assertSame(taobao, cainiao, "the Taobao channel and the Cainiao carrier of one TOP app share its bucket");
        assertNotSame(taobao, RateLimiter.shared("jd:" + app, 40), "another gateway is another app");
        assertNotSame(taobao, RateLimiter.shared(RateLimiter.TOP + app(), 40), "another app key is another app");
    }

    @Test
    void permitsTakenThroughOneHolderAreGoneForTheOther() {
        String key = RateLimiter.TOP + app();
        RateLimiter a = RateLimiter.shared(key, 1); // burst 1, the next permit a second later
        RateLimiter b = RateLimiter.shared(key, 1);
        assertTrue(a.tryAcquire());
        assertFalse(b.tryAcquire(), "one permit a second for the app, whoever takes it");
        assertFalse(a.tryAcquire());
    }

    @Test
    void theLowestRateAskedWinsWhicheverComesFirst() {
        String key = "pdd:" + app();
        RateLimiter first = RateLimiter.shared(key, 40);
        assertEquals(40, first.perSecond());
        RateLimiter lower = RateLimiter.shared(key, 10);
        assertSame(first, lower);
        assertEquals(10, first.perSecond(), "a lower ask slows the bucket down for every holder");
        RateLimiter higher = RateLimiter.shared(key, 100);
        assertSame(first, higher);
        assertEquals(10, higher.perSecond(), "a higher ask does not raise it");

        String other = "pdd:" + app();
        RateLimiter.shared(other, 10);
        assertEquals(10, RateLimiter.shared(other, 40).perSecond(), "the other order gives the same rate");
    }

    @Test
    void loweringShrinksTheBurstAndTheFreePermits() {
        String key = "douyin:" + app();
        RateLimiter bucket = RateLimiter.shared(key, 50); // 50 free permits
        RateLimiter.shared(key, 1);
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire(), "burst 1 at one call a second, not the 49 permits left of the old burst");
    }

    @Test
    void theKeyNamesTheGatewayAndTheAppKey() {
        for (String bad : new String[] {null, "", "  ", "12345678", ":12345678", " :12345678", "top:", "top: ",
                "top"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared(bad, 10),
                    String.valueOf(bad));
            assertTrue(e.getMessage().contains("<gateway>:<app key>"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared("jd:" + app(), 0));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared("jd:" + app(), -1));
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared("jd:" + app(), Double.NaN));
        String key = "jd:" + app();
        RateLimiter bucket = RateLimiter.shared(key, 5);
        assertThrows(IllegalArgumentException.class, () -> RateLimiter.shared(key, 0), "checked for a known key too");
        assertEquals(5, bucket.perSecond());
    }

    @Test
    void callersRacingForANewKeyAllGetTheOneBucket() throws Exception {
        String key = RateLimiter.TOP + app();
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RateLimiter>> got = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                double rate = 10 + i;
                Callable<RateLimiter> ask = () -> {
                    go.await();
                    return RateLimiter.shared(key, rate);
                };
                got.add(pool.submit(ask));
            }
            go.countDown();
            Set<RateLimiter> distinct = ConcurrentHashMap.newKeySet();
            for (Future<RateLimiter> f : got) {
                distinct.add(f.get());
            }
            assertEquals(1, distinct.size());
            assertEquals(10, distinct.iterator().next().perSecond(), "the lowest of the racing asks");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPrivateBucketIsNotShared() throws Exception {
        RateLimiter shop = new RateLimiter(1, 1);
        assertTrue(shop.tryAcquire());
        assertFalse(shop.acquire(Duration.ofMillis(10)), "the next permit is a second away");
        assertTrue(shop.acquire(Duration.ofSeconds(2)));
    }
}
