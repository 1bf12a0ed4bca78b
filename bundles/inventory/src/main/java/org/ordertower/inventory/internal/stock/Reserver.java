package org.ordertower.inventory.internal.stock;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.Movement;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.ReservationResult.Status;
import org.ordertower.api.inventory.Shortage;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.jdbc.BatchQueue;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservations, striped and batched. A request goes to the stripe of its smallest SKU code; each
 * stripe's thread takes everything queued (up to {@code maxBatch}) and decides it in one
 * transaction: lock the references, lock the stock rows in key order, allocate in arrival order in
 * memory, write one guarded update per touched row (a hot SKU's hundreds of reservations become one
 * {@code UPDATE}), the reservation rows and the ledger, commit durably, then answer the callers.
 *
 * <p>Correctness never rests on the stripes: the row locks and the guard
 * {@code on_hand - reserved - safety >= n} hold across threads and nodes, and the table's CHECK
 * refuses reserved above on hand. Stripes only keep one node's threads from queueing on the same
 * rows.
 */
final class Reserver implements AutoCloseable {
    /** Told after each commit which SKUs' stock moved. */
    interface Listener {
        void changed(Set<String> skus, Instant committedAt);
    }

    private final Logger logger = LoggerFactory.getLogger(Reserver.class);
    private final Database db;
    private final StockStore store;
    private final Supplier<List<String>> warehouseOrder;
    private final Clock clock;
    private final Listener listener;
    private final List<BatchQueue<Pending>> stripes = new ArrayList<>();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();

    Reserver(Database db, StockStore store, Supplier<List<String>> warehouseOrder, Clock clock, Listener listener,
            int stripeCount, int maxBatch, int queueCapacity) {
        this.db = db;
        this.store = store;
        this.warehouseOrder = warehouseOrder;
        this.clock = clock;
        this.listener = listener;
        for (int i = 0; i < stripeCount; i++) {
            stripes.add(new BatchQueue<>("ordertower-reserve-" + i, queueCapacity, maxBatch, this::process,
                    (p, e) -> p.result().completeExceptionally(e), "the inventory stopped"));
        }
    }

    CompletableFuture<ReservationResult> submit(Pending p) {
        String first = null;
        for (String sku : p.items().keySet()) {
            first = first == null || sku.compareTo(first) < 0 ? sku : first;
        }
        BatchQueue<Pending> stripe = stripes.get(Math.floorMod(first.hashCode(), stripes.size()));
        if (!stripe.running()) {
            p.result().completeExceptionally(new StoreUnavailableException("the inventory is shutting down", null));
        } else if (!stripe.offer(p)) {
            p.result().completeExceptionally(new StoreUnavailableException("the reservation queue is full; retry later", null));
        }
        return p.result();
    }

    long batches() {
        return batches.get();
    }

    long requests() {
        return requests.get();
    }

    /** Decides a batch; a reference twice in one batch is decided after the first, in a batch of its own. */
    private void process(List<Pending> batch) {
        Map<String, Pending> firsts = new LinkedHashMap<>();
        List<Pending> again = new ArrayList<>();
        for (Pending p : batch) {
            if (firsts.putIfAbsent(p.reference(), p) != null) {
                again.add(p);
            }
        }
        List<Pending> list = new ArrayList<>(firsts.values());
        try {
            commit(list);
        } catch (SQLException | RuntimeException e) {
            if (list.size() > 1) {
                // One request (say, the same new reference inserted by another node at this moment) must
                // not fail the others: decide each on its own.
                logger.debug("Reservation batch of {} failed ({}); deciding each alone", list.size(), e.getMessage());
                for (Pending p : list) {
                    alone(p);
                }
            } else {
                fail(list.get(0), e);
            }
        }
        if (!again.isEmpty()) {
            process(again);
        }
    }

    private void alone(Pending p) {
        try {
            commit(List.of(p));
        } catch (SQLException | RuntimeException e) {
            fail(p, e);
        }
    }

    private void fail(Pending p, Exception e) {
        logger.debug("Reservation {} failed: {}", p.reference(), e.getMessage());
        p.result().completeExceptionally(e instanceof SQLException
                ? new StoreUnavailableException("the stock store refused reservation " + p.reference() + ": " + e.getMessage(), e)
                : e);
    }

    private void commit(List<Pending> list) throws SQLException {
        Instant at = clock.instant();
        Decided d;
        try (Tx tx = db.begin()) {
            d = decide(tx, list, at);
            tx.commitDurably();
        }
        batches.incrementAndGet();
        requests.addAndGet(list.size());
        for (int i = 0; i < list.size(); i++) {
            list.get(i).result().complete(d.results.get(i));
        }
        if (!d.touched.isEmpty()) {
            listener.changed(d.touched, clock.instant());
        }
    }

    private record Decided(List<ReservationResult> results, Set<String> touched) {
    }

    private Decided decide(Tx tx, List<Pending> list, Instant at) throws SQLException {
        Map<String, String> states = store.lockReservations(tx, list.stream().map(Pending::reference).toList());
        Set<String> existing = new HashSet<>();
        for (Map.Entry<String, String> e : states.entrySet()) {
            if (StockStore.RELEASED.equals(e.getValue())) {
                store.deleteReservation(tx, e.getKey()); // released before: it may reserve again
            } else {
                existing.add(e.getKey());
            }
        }
        Map<String, List<Allocation>> held = existing.isEmpty() ? Map.of() : store.held(tx, existing);
        Set<String> skus = new HashSet<>();
        for (Pending p : list) {
            if (!existing.contains(p.reference())) {
                skus.addAll(p.items().keySet());
            }
        }
        TreeMap<StockKey, StockRow> rows = skus.isEmpty() ? new TreeMap<>() : store.lockStock(tx, skus);
        Map<StockKey, Integer> available = new HashMap<>();
        rows.forEach((k, r) -> available.put(k, r.sellable()));
        List<String> order = order(rows);

        List<ReservationResult> results = new ArrayList<>(list.size());
        List<Pending> reserved = new ArrayList<>();
        Map<String, List<Allocation>> allocations = new HashMap<>();
        Map<StockKey, Integer> deltas = new HashMap<>();
        List<LedgerRow> ledger = new ArrayList<>();
        for (Pending p : list) {
            if (existing.contains(p.reference())) {
                results.add(new ReservationResult(p.reference(), Status.ALREADY_RESERVED,
                        held.getOrDefault(p.reference(), List.of()), List.of()));
                continue;
            }
            List<String> allowed = p.warehouses().isEmpty() ? order : p.warehouses();
            Choice c = allocate(p.items(), allowed, available);
            if (!c.shortages.isEmpty()) {
                results.add(new ReservationResult(p.reference(), Status.OUT_OF_STOCK, List.of(), c.shortages));
                continue;
            }
            for (Allocation a : c.allocations) {
                StockKey k = new StockKey(a.sku(), a.warehouse());
                available.merge(k, -a.quantity(), Integer::sum);
                deltas.merge(k, a.quantity(), Integer::sum);
                ledger.add(LedgerRow.of(k, Movement.RESERVE, 0, a.quantity(), p.reference(), "system:ordertower", null));
            }
            reserved.add(p);
            allocations.put(p.reference(), c.allocations);
            results.add(new ReservationResult(p.reference(), Status.RESERVED, c.allocations, List.of()));
        }
        if (!deltas.isEmpty()) {
            if (!store.reserve(tx, deltas)) {
                throw new IllegalStateException("a locked stock row changed under its lock; batch rolled back");
            }
            store.insertReservations(tx, reserved, allocations, at);
            store.ledger(tx, ledger, at);
        }
        Set<String> touched = new TreeSet<>();
        deltas.keySet().forEach(k -> touched.add(k.sku()));
        return new Decided(results, touched);
    }

    /** Warehouses by the configured priority, then any others that hold these rows, by id. */
    private List<String> order(TreeMap<StockKey, StockRow> rows) {
        List<String> order = new ArrayList<>(warehouseOrder.get());
        Set<String> extra = new TreeSet<>();
        rows.keySet().forEach(k -> extra.add(k.warehouse()));
        extra.removeAll(order);
        order.addAll(extra);
        return order;
    }

    private record Choice(List<Allocation> allocations, List<Shortage> shortages) {
    }

    /**
     * One warehouse that can serve every item, the first in order of preference; else each item
     * split over the warehouses in that order. Reads {@code available}, never changes it.
     */
    static Choice allocate(LinkedHashMap<String, Integer> items, List<String> warehouses,
            Map<StockKey, Integer> available) {
        for (String w : warehouses) {
            boolean all = true;
            for (Map.Entry<String, Integer> e : items.entrySet()) {
                if (available.getOrDefault(new StockKey(e.getKey(), w), 0) < e.getValue()) {
                    all = false;
                    break;
                }
            }
            if (all) {
                List<Allocation> out = new ArrayList<>(items.size());
                items.forEach((sku, qty) -> out.add(new Allocation(sku, w, qty)));
                return new Choice(out, List.of());
            }
        }
        List<Allocation> out = new ArrayList<>();
        List<Shortage> shortages = new ArrayList<>();
        for (Map.Entry<String, Integer> e : items.entrySet()) {
            int remaining = e.getValue();
            int total = 0;
            for (String w : warehouses) {
                int a = Math.max(0, available.getOrDefault(new StockKey(e.getKey(), w), 0));
                total += a;
                int take = Math.min(a, remaining);
                if (take > 0) {
                    out.add(new Allocation(e.getKey(), w, take));
                    remaining -= take;
                }
            }
            if (remaining > 0) {
                shortages.add(new Shortage(e.getKey(), e.getValue(), total));
            }
        }
        return shortages.isEmpty() ? new Choice(out, List.of()) : new Choice(List.of(), shortages);
    }

    @Override
    public void close() {
        stripes.forEach(BatchQueue::close);
    }
}
