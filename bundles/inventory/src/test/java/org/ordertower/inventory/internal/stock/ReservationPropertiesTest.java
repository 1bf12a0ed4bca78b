package org.ordertower.inventory.internal.stock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.h2.jdbcx.JdbcDataSource;
import org.ordertower.api.Actor;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockRow;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based: any sequence of receipts, reservations (several SKUs at once), releases, shipments and count
 * corrections over three SKUs and two warehouses keeps the inventory's invariants, checked after every step against
 * a model: no unit is ever held twice (reserved never above on hand, in any warehouse), a reservation holds exactly
 * what it asked for or nothing, it is refused only when the model says the stock is short, a reference reserves once
 * until it is released (then it may again; held or shipped it answers ALREADY_RESERVED), a shipment takes exactly
 * what was held, and the ledger proves every counter ({@code stock:check}). jqwik shrinks a failing sequence to a
 * smallest one.
 */
class ReservationPropertiesTest {
    private static final List<String> SKUS = List.of("A", "B", "C");
    private static final List<String> WAREHOUSES = List.of("HZ", "SH");
    private static final Actor OPS = Actor.user("prop");
    private static final AtomicInteger DATABASES = new AtomicInteger();
    /**
     * Each reference's reservation in the current try: HELD, SHIPPED (some of it went out), RELEASED (may reserve
     * again), or UNSURE (released after a shipment: either answer to a new reservation is right).
     */
    private static final Map<Integer, String> STATE = new HashMap<>();

    sealed interface Step permits Receive, Reserve, Release, Ship, Adjust {
    }

    record Receive(String sku, String warehouse, int quantity) implements Step {
    }

    record Reserve(int ref, Map<String, Integer> items) implements Step {
    }

    record Release(int ref) implements Step {
    }

    record Ship(int ref) implements Step {
    }

    record Adjust(String sku, String warehouse, int delta) implements Step {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> sku = Arbitraries.of(SKUS);
        Arbitrary<String> warehouse = Arbitraries.of(WAREHOUSES);
        Arbitrary<Integer> ref = Arbitraries.integers().between(1, 8);
        Arbitrary<Step> receive = Combinators.combine(sku, warehouse, Arbitraries.integers().between(1, 15))
                .as(Receive::new);
        Arbitrary<Step> reserve = Combinators.combine(ref, Arbitraries.maps(sku, Arbitraries.integers().between(1, 12))
                .ofMinSize(1).ofMaxSize(3)).as(Reserve::new);
        Arbitrary<Step> release = ref.map(Release::new);
        Arbitrary<Step> ship = ref.map(Ship::new);
        Arbitrary<Step> adjust = Combinators.combine(sku, warehouse, Arbitraries.integers().between(-8, 8))
                .as(Adjust::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, receive), net.jqwik.api.Tuple.of(4, reserve), net.jqwik.api.Tuple.of(2, release),
                net.jqwik.api.Tuple.of(2, ship), net.jqwik.api.Tuple.of(1, adjust))
                .list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 40)
    void noUnitIsEverHeldTwiceAndTheLedgerProvesEveryCounter(@ForAll("steps") List<Step> steps) throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:reservation-props-" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1");
        ds.setUser("sa");
        try (StockFixture f = new StockFixture(ds, 2)) {
            for (String s : SKUS) {
                f.sku(s);
            }
            f.warehouse("HZ", 1);
            f.warehouse("SH", 2);
            STATE.clear();
            Map<String, Integer> onHand = new HashMap<>();
            Map<Integer, List<Allocation>> held = new HashMap<>();
            for (Step step : steps) {
                apply(f, step, onHand, held);
                check(f, onHand, held, step);
            }
            assertTrue(f.inventory.check().ok(), "stock:check: " + f.inventory.check().differences());
        }
    }

    private static String key(String sku, String warehouse) {
        return sku + "@" + warehouse;
    }

    private static void apply(StockFixture f, Step step, Map<String, Integer> onHand, Map<Integer, List<Allocation>> held) {
        if (step instanceof Receive r) {
                f.inventory.receive(r.sku(), r.warehouse(), r.quantity(), "po-" + r.quantity(), OPS);
                onHand.merge(key(r.sku(), r.warehouse()), r.quantity(), Integer::sum);
        } else if (step instanceof Reserve r) {
                Map<String, Integer> sellable = new HashMap<>();
                for (String sku : r.items().keySet()) {
                    int s = 0;
                    for (StockRow row : f.inventory.view(sku).rows()) {
                        s += row.sellable();
                    }
                    sellable.put(sku, s);
                }
                List<StockItem> items = new ArrayList<>();
                r.items().forEach((sku, q) -> items.add(new StockItem(sku, q)));
                ReservationResult result = f.inventory.reserve(new ReservationRequest("ref-" + r.ref(), "jd", items,
                        List.of()));
                boolean enough = r.items().entrySet().stream().allMatch(e -> sellable.get(e.getKey()) >= e.getValue());
                String before = STATE.get(r.ref());
                boolean mayReserve = before == null || before.equals("RELEASED") || before.equals("UNSURE");
                switch (result.status()) {
                    case ALREADY_RESERVED -> assertTrue(before != null && !before.equals("RELEASED"),
                            "already reserved, yet the reference holds nothing: " + before);
                    case OUT_OF_STOCK -> {
                        assertTrue(mayReserve && !enough, "refused though every SKU had enough: " + sellable);
                        assertTrue(result.allocations().isEmpty(), "nothing held when refused");
                    }
                    case RESERVED -> {
                        assertTrue(mayReserve, "a second reservation under one reference: " + before);
                        assertTrue(enough, "reserved more than was sellable: " + sellable + " for " + r.items());
                        Map<String, Integer> got = new HashMap<>();
                        result.allocations().forEach(a -> got.merge(a.sku(), a.quantity(), Integer::sum));
                        assertEquals(r.items(), got, "holds exactly what it asked for");
                        held.put(r.ref(), result.allocations());
                        STATE.put(r.ref(), "HELD");
                    }
                }
        } else if (step instanceof Release r) {
                List<Allocation> released;
                try {
                    released = f.inventory.release("ref-" + r.ref(), OPS, "prop");
                } catch (org.ordertower.api.inventory.InventoryException e) {
                    assertTrue(!STATE.containsKey(r.ref()), "a release of a reservation that was made failed: " + e);
                    return;
                }
                assertTrue(STATE.containsKey(r.ref()), "released a reference that never reserved");
                STATE.put(r.ref(), "HELD".equals(STATE.get(r.ref())) ? "RELEASED" : "UNSURE");
                List<Allocation> expected = held.remove(r.ref());
                assertEquals(total(expected), total(released), "a release gives back what was held");
        } else if (step instanceof Ship r) {
                List<Allocation> h = held.get(r.ref());
                String warehouse = h == null || h.isEmpty() ? "HZ" : h.get(0).warehouse();
                List<Allocation> shipped;
                try {
                    shipped = f.inventory.ship("ref-" + r.ref(), warehouse, OPS);
                } catch (RuntimeException e) {
                    assertTrue(h == null, "shipping a held reservation failed: " + e);
                    return;
                }
                int fromHere = h == null ? 0 : h.stream().filter(a -> a.warehouse().equals(warehouse))
                        .mapToInt(Allocation::quantity).sum();
                assertEquals(fromHere, total(shipped), "a shipment takes what was held in its warehouse");
                for (Allocation a : shipped) {
                    onHand.merge(key(a.sku(), a.warehouse()), -a.quantity(), Integer::sum);
                }
                if (fromHere > 0) {
                    STATE.put(r.ref(), "SHIPPED");
                }
                if (h != null) {
                    List<Allocation> rest = h.stream().filter(a -> !a.warehouse().equals(warehouse)).toList();
                    if (rest.isEmpty()) {
                        held.remove(r.ref());
                    } else {
                        held.put(r.ref(), rest);
                    }
                }
        } else if (step instanceof Adjust a) {
                try {
                    f.inventory.adjust(a.sku(), a.warehouse(), a.delta(), OPS, "count");
                    onHand.merge(key(a.sku(), a.warehouse()), a.delta(), Integer::sum);
                } catch (RuntimeException refused) {
                    // below what is held or below zero: refused, nothing changed (checked next)
                }
        }
    }

    private static void check(StockFixture f, Map<String, Integer> onHand, Map<Integer, List<Allocation>> held, Step after) {
        Map<String, Integer> reserved = new HashMap<>();
        held.values().forEach(l -> l.forEach(a -> reserved.merge(key(a.sku(), a.warehouse()), a.quantity(), Integer::sum)));
        for (String sku : SKUS) {
            for (StockRow row : f.inventory.view(sku).rows()) {
                String k = key(sku, row.warehouse());
                assertTrue(row.reserved() <= row.onHand(), "held twice after " + after + ": " + row);
                assertTrue(row.onHand() >= 0, "below zero after " + after + ": " + row);
                assertEquals(onHand.getOrDefault(k, 0), row.onHand(), "on hand of " + k + " after " + after);
                assertEquals(reserved.getOrDefault(k, 0), row.reserved(), "reserved of " + k + " after " + after);
            }
        }
    }

    private static int total(List<Allocation> l) {
        return l == null ? 0 : l.stream().mapToInt(Allocation::quantity).sum();
    }
}
