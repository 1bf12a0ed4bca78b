package org.ordertower.rules.internal.history;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.rules.OrderFact;

/** The in-memory index alone, against a plain list of what the table would hold. */
class RecentFactsTest {
    private static final long MIN = 60_000_000L; // micros
    private static final long T0 = 1_800_000_000_000_000L;

    private static long[] keys(long buyer, long address) {
        return new long[] { buyer, address, 0, 0, 0 };
    }

    private static List<List<OrderFact>> lists() {
        List<List<OrderFact>> l = new ArrayList<>();
        for (int k = 0; k < RecentFacts.KINDS; k++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static List<Long> ids(RecentFacts r, long[] hashes, long from, long exclude, int kind) {
        List<List<OrderFact>> out = lists();
        r.find(hashes, from, from, exclude, OrderHistory.MAX_FACTS, out);
        return out.get(kind).stream().map(OrderFact::orderId).toList();
    }

    private static boolean put(RecentFacts r, long id, long at, long[] k, long version) {
        return r.put(id, at, k, new BigDecimal("9.5"), List.of(new StockItem("CUP", 2)), "CUP*2", version);
    }

    @Test
    void newestFirstByPlacingTimeWithoutTheOrderItselfEvenWhenTheyArriveOutOfOrder() {
        RecentFacts r = new RecentFacts(100, T0);
        put(r, 1, T0 + 10 * MIN, keys(7, 8), 1);
        put(r, 2, T0 + 30 * MIN, keys(7, 9), 2);
        put(r, 3, T0 + 20 * MIN, keys(7, 8), 3); // late: goes between 2 and 1
        put(r, 4, T0 + 5 * MIN, keys(7, 8), 4); // later still: the oldest
        put(r, 5, T0 + 20 * MIN, keys(6, 8), 5);
        assertEquals(List.of(2L, 3L, 1L, 4L), ids(r, keys(7, 0), T0, 99, 0));
        assertEquals(List.of(2L, 1L, 4L), ids(r, keys(7, 0), T0, 3, 0), "not the order itself");
        assertEquals(List.of(2L, 3L), ids(r, keys(7, 0), T0 + 20 * MIN, 99, 0), "the window's start is inclusive");
        assertEquals(List.of(5L, 3L, 1L, 4L), ids(r, keys(0, 8), T0, 99, 1));
        List<List<OrderFact>> out = lists();
        r.find(keys(7, 0), T0, T0, 0, 500, out);
        OrderFact f = out.get(0).get(0);
        assertEquals(new BigDecimal("9.5000"), f.paid(), "at the column's scale");
        assertEquals(List.of(new StockItem("CUP", 2)), f.items());
        assertEquals(RecentFacts.instant(T0 + 30 * MIN), f.at());
    }

    @Test
    void aReplacedFactCountsOnceAndLeavesItsOldKeys() {
        RecentFacts r = new RecentFacts(100, T0);
        put(r, 1, T0 + MIN, keys(7, 8), 10);
        put(r, 2, T0 + 2 * MIN, keys(7, 8), 11);
        assertTrue(put(r, 1, T0 + 3 * MIN, keys(6, 8), 12), "screened again: another buyer");
        assertEquals(2, r.size());
        assertEquals(List.of(2L), ids(r, keys(7, 0), T0, 0, 0));
        assertEquals(List.of(1L, 2L), ids(r, keys(0, 8), T0, 0, 1));
        assertFalse(put(r, 1, T0 + MIN, keys(7, 8), 10), "an older version read late is ignored");
        assertEquals(List.of(2L), ids(r, keys(7, 0), T0, 0, 0));
        assertTrue(put(r, 1, T0 + 3 * MIN, keys(6, 8), 12), "the same version again: already held");
        assertEquals(2, r.size());
    }

    @Test
    void factsOlderThanTheReachLeaveAndMemoryStillAnswersForTheReach() {
        RecentFacts r = new RecentFacts(1000, T0);
        for (int i = 0; i < 100; i++) {
            put(r, i, T0 + i * MIN, keys(7, 0), i + 1);
        }
        long since = T0 + 50 * MIN;
        assertEquals(50, ids(r, keys(7, 0), since, -1, 0).size()); // a look-up moves the horizon
        put(r, 100, T0 + 100 * MIN, keys(7, 0), 101);
        assertEquals(51, r.size(), "the 50 placed before the horizon left");
        assertTrue(r.coveredFrom() <= since, "memory still answers from the horizon on");
        assertEquals(0, r.overflowed());
        assertFalse(put(r, 200, T0 + 10 * MIN, keys(7, 0), 201), "placed before the horizon: never asked for");
        assertEquals(51, ids(r, keys(7, 0), since, -1, 0).size());
    }

    @Test
    void beyondItsCapMemoryEvictsTheOldestAndNoLongerAnswersForTheirTime() {
        RecentFacts r = new RecentFacts(10, T0);
        for (int i = 0; i < 25; i++) {
            put(r, i, T0 + i * MIN, keys(7, 0), i + 1);
        }
        assertEquals(10, r.size());
        assertEquals(15, r.overflowed());
        assertEquals(T0 + 14 * MIN + 1, r.coveredFrom(), "just after the last evicted fact");
        assertEquals(List.of(24L, 23L, 22L, 21L, 20L, 19L, 18L, 17L, 16L, 15L), ids(r, keys(7, 0), T0, -1, 0));
    }

    @Test
    void aHotKeyGivesItsNewestFiveHundred() {
        RecentFacts r = new RecentFacts(5000, T0);
        for (int i = 0; i < 1200; i++) {
            put(r, i, T0 + (i * 7919L % 1200) * MIN, keys(7, 0), i + 1);
        }
        List<List<OrderFact>> out = lists();
        r.find(keys(7, 0), T0, T0, -1, 500, out);
        assertEquals(500, out.get(0).size());
        assertEquals(RecentFacts.instant(T0 + 1199 * MIN), out.get(0).get(0).at());
        assertEquals(RecentFacts.instant(T0 + 700 * MIN), out.get(0).get(499).at());
    }

    @Test
    void oddValuesComeBackAsTheTableGivesThem() {
        RecentFacts r = new RecentFacts(10, T0);
        r.put(1, T0, keys(7, 0), new BigDecimal("12345678901234567.12345"), List.of(), "", 1);
        r.put(2, T0 + 1, keys(7, 0), new BigDecimal("1.00005"), null, "A;B*1", 2);
        List<List<OrderFact>> out = lists();
        assertThrows(ItemsText.UnreadableItems.class, () -> r.find(keys(7, 0), T0, T0, -1, 500, out),
                "items the table's text cannot give back fail the look-up, as they do from the table");
        r.find(keys(7, 0), T0, T0, 2, 500, out);
        assertEquals(new BigDecimal("12345678901234567.1235"), out.get(0).get(0).paid());
    }

    /**
     * Random puts, replacements, late and old facts, growing and evicting, against the plain list: each
     * look-up gives exactly the current facts of its key placed from max(since, covered), newest first.
     */
    @ParameterizedTest
    @ValueSource(ints = { 300, 3000, 100_000 })
    void matchesAPlainListUnderRandomTraffic(int maxFacts) {
        SplittableRandom rnd = new SplittableRandom(maxFacts);
        RecentFacts r = new RecentFacts(maxFacts, T0);
        record Row(long id, long at, long[] keys, long version) {
        }
        Map<Long, Row> table = new HashMap<>();
        List<Map<Long, java.util.Set<Long>>> byKey = new ArrayList<>(); // per kind: key to order ids
        for (int k = 0; k < RecentFacts.KINDS; k++) {
            byKey.add(new HashMap<>());
        }
        long now = T0 + 48 * 60 * MIN;
        long version = 0;
        for (int step = 0; step < 12_000; step++) {
            now += rnd.nextInt(3) * MIN / 4;
            long id = rnd.nextInt(100) < 15 && step > 0 ? 1 + rnd.nextInt(step + 1) : 1_000_000 + step;
            long at = rnd.nextInt(100) < 5 ? now - rnd.nextLong(52 * 60 * MIN) : now - rnd.nextLong(30 * MIN);
            long[] k = { 1 + rnd.nextInt(500), 1 + rnd.nextInt(200), rnd.nextInt(3) == 0 ? 0 : 1 + rnd.nextInt(50), 0,
                    rnd.nextInt(10) == 0 ? 42 : 0 };
            Row row = new Row(id, at, k, ++version);
            Row was = table.put(id, row);
            for (int kind = 0; kind < RecentFacts.KINDS; kind++) {
                if (was != null && was.keys()[kind] != 0) {
                    byKey.get(kind).get(was.keys()[kind]).remove(id);
                }
                if (k[kind] != 0) {
                    byKey.get(kind).computeIfAbsent(k[kind], x -> new java.util.HashSet<>()).add(id);
                }
            }
            r.put(id, at, k, BigDecimal.ONE, List.of(new StockItem("S" + rnd.nextInt(20), 1 + rnd.nextInt(3))), "x", version);
            if (rnd.nextInt(100) < 3) {
                Row stale = new Row(id, at - MIN, k, version - 1); // a tail read before the newer write
                r.put(stale.id(), stale.at(), stale.keys(), BigDecimal.ONE, List.of(), "", stale.version());
            }
            if (step % 11 == 0) {
                long since = now - 48 * 60 * MIN;
                long[] q = { 1 + rnd.nextInt(500), 1 + rnd.nextInt(200), 1 + rnd.nextInt(50), 0, 42 };
                List<List<OrderFact>> out = lists();
                long covered = r.find(q, since, since, id, 500, out);
                assertTrue(r.size() <= maxFacts);
                for (int kind = 0; kind < RecentFacts.KINDS; kind++) {
                    int kk = kind;
                    long from = Math.max(since, covered);
                    List<Row> expected = byKey.get(kind).getOrDefault(q[kind], java.util.Set.of()).stream().map(table::get)
                            .filter(x -> q[kk] != 0 && x.at() >= from && x.id() != id)
                            .sorted(Comparator.comparingLong(Row::at).reversed().thenComparing(Row::id)).limit(500).toList();
                    List<OrderFact> got = new ArrayList<>(out.get(kind));
                    got.sort(Comparator.comparing(OrderFact::at).reversed().thenComparing(OrderFact::orderId));
                    assertEquals(expected.stream().map(x -> x.id() + "@" + x.at()).toList(),
                            got.stream().map(f -> f.orderId() + "@" + RecentFacts.micros(f.at())).toList(), "step " + step + " kind " + kind);
                    for (int i = 1; i < out.get(kind).size(); i++) {
                        assertFalse(out.get(kind).get(i).at().isAfter(out.get(kind).get(i - 1).at()), "newest first");
                    }
                }
            }
        }
        if (maxFacts == 100_000) {
            assertEquals(0, r.overflowed(), "room enough: only age evicted");
        } else {
            assertTrue(r.overflowed() > 0);
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** About 150 bytes a fact at most for facts of 1-3 items, with a million facts' worth of keys. */
    @Test
    void bytesPerFact() {
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 300_000;
        long before = usedHeap();
        RecentFacts r = new RecentFacts(2 * n, T0);
        for (int i = 0; i < n; i++) {
            int person = rnd.nextInt(n / 3);
            List<StockItem> items = new ArrayList<>();
            for (int j = 0, m = 1 + rnd.nextInt(3); j < m; j++) {
                items.add(new StockItem("S" + rnd.nextInt(1000), 1 + rnd.nextInt(2)));
            }
            long h = person * 0x9E3779B97F4A7C15L;
            r.put(i, T0 + i, new long[] { h | 1, (h * 31) | 1, (h * 17) | 1, 0, rnd.nextInt(3) == 0 ? (h * 13) | 1 : 0 },
                    new BigDecimal("49.00"), items, "", i + 1);
        }
        double perFact = (double) r.bytes() / r.size();
        double measured = (double) (usedHeap() - before) / r.size();
        System.out.printf("RecentFacts: %d facts, %.0f bytes a fact estimated, %.0f measured (heap growth after GC)%n", r.size(),
                perFact, measured);
        assertTrue(perFact <= 150, perFact + " bytes a fact");
    }
}
