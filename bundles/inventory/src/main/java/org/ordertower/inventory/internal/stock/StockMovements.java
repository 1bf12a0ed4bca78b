package org.ordertower.inventory.internal.stock;

import static org.ordertower.inventory.internal.stock.DefaultInventoryService.MAX_QUANTITY;
import static org.ordertower.inventory.internal.stock.StockValidator.require;
import static org.ordertower.inventory.internal.stock.StockValidator.requireQuantity;
import static org.ordertower.inventory.internal.stock.StockValidator.requireReference;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.ordertower.api.Actor;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.InventoryException;
import org.ordertower.api.inventory.Movement;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.inventory.internal.stock.DefaultInventoryService.StockChanges;

/** Stock movements (release, ship, transfer, receive, return, adjust, safety), each one ledgered transaction. */
final class StockMovements {
    private final StockTransactions transactions;
    private final StockStore store;
    private final StockValidator validator;
    private final Clock clock;
    private final StockChanges changes;

    StockMovements(StockTransactions transactions, StockStore store, StockValidator validator, Clock clock,
            StockChanges changes) {
        this.transactions = transactions;
        this.store = store;
        this.validator = validator;
        this.clock = clock;
        this.changes = changes;
    }

    List<Allocation> release(String reference, Actor actor, String reason) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        return settle(reference, null, actor, reason, Movement.RELEASE);
    }

    List<Allocation> ship(String reference, String warehouse, Actor actor) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        if (warehouse != null) {
            validator.requireWarehouse(warehouse);
        }
        return settle(reference, warehouse, actor, null, Movement.SHIP);
    }

    List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor) {
        requireReference(reference);
        require(actor != null, "an actor is required");
        validator.requireWarehouse(from);
        validator.requireWarehouse(to);
        require(!from.equals(to), "a transfer needs two different warehouses, not " + from + " twice");
        require(items != null && !items.isEmpty(), "a transfer moves at least one item");
        Map<String, Integer> wanted = new TreeMap<>();
        for (StockItem i : items) {
            validator.requirePlainSku(i.sku());
            requireQuantity(i.quantity(), "transfer of " + i.sku());
            wanted.merge(i.sku(), i.quantity(), Integer::sum);
        }
        List<Allocation> moved = transactions.write(tx -> {
            Map<String, String> states = store.lockReservations(tx, List.of(reference));
            if (!states.containsKey(reference)) {
                throw new InventoryException("nothing was ever reserved for '" + reference + "'");
            }
            Map<StockKey, Integer> held = new HashMap<>();
            for (Allocation a : store.held(tx, List.of(reference)).getOrDefault(reference, List.of())) {
                held.put(new StockKey(a.sku(), a.warehouse()), a.quantity());
            }
            Map<StockKey, Integer> deltas = new TreeMap<>(Comparator.comparing(StockKey::sku)
                    .thenComparing(StockKey::warehouse)); // rows in key order: no deadlock with reservations
            List<Allocation> out = new ArrayList<>();
            for (Map.Entry<String, Integer> e : wanted.entrySet()) {
                int q = Math.min(e.getValue(), held.getOrDefault(new StockKey(e.getKey(), from), 0));
                if (q > 0) {
                    deltas.put(new StockKey(e.getKey(), from), -q);
                    deltas.put(new StockKey(e.getKey(), to), q);
                    out.add(new Allocation(e.getKey(), to, q));
                }
            }
            List<LedgerRow> ledger = new ArrayList<>();
            String why = "transfer " + (document == null ? "" : document + " ") + from + " -> " + to;
            for (Map.Entry<StockKey, Integer> d : deltas.entrySet()) {
                StockKey k = d.getKey();
                if (store.lockRow(tx, k).isEmpty()) {
                    store.insertRow(tx, k);
                    store.lockRow(tx, k);
                }
                store.apply(tx, k, d.getValue(), d.getValue(), 0, 0);
                store.addHeld(tx, reference, k, d.getValue());
                ledger.add(LedgerRow.of(k, d.getValue() < 0 ? Movement.TRANSFER_OUT : Movement.TRANSFER_IN, d.getValue(),
                        d.getValue(), reference, actor.toString(), why));
            }
            if (!ledger.isEmpty()) {
                store.ledger(tx, ledger, clock.instant());
            }
            return out;
        });
        changed(moved.stream().map(Allocation::sku).toList());
        return moved;
    }

    /** Releases or ships what a reference holds (in one warehouse or all). */
    private List<Allocation> settle(String reference, String warehouse, Actor actor, String reason, Movement movement) {
        List<Allocation> done = transactions.write(tx -> {
            Map<String, String> states = store.lockReservations(tx, List.of(reference));
            if (!states.containsKey(reference)) {
                throw new InventoryException("nothing was ever reserved for '" + reference + "'");
            }
            List<Allocation> held = store.held(tx, List.of(reference)).getOrDefault(reference, List.of());
            List<Allocation> out = new ArrayList<>();
            List<LedgerRow> ledger = new ArrayList<>();
            for (Allocation a : held) { // already in key order
                if (warehouse != null && !warehouse.equals(a.warehouse())) {
                    continue;
                }
                StockKey k = new StockKey(a.sku(), a.warehouse());
                store.lockRow(tx, k).orElseThrow(() -> new SQLException("stock row " + k + " is missing"));
                int onHand = movement == Movement.SHIP ? -a.quantity() : 0;
                store.apply(tx, k, onHand, -a.quantity(), 0, 0);
                store.setHeld(tx, reference, k, 0);
                ledger.add(LedgerRow.of(k, movement, onHand, -a.quantity(), reference, actor.toString(), reason));
                out.add(a);
            }
            if (out.isEmpty()) {
                return out;
            }
            store.ledger(tx, ledger, clock.instant());
            if (out.size() == held.size()) {
                store.setState(tx, reference, movement == Movement.SHIP ? StockStore.SHIPPED : StockStore.RELEASED, clock.instant());
            }
            return out;
        });
        changed(done.stream().map(Allocation::sku).toList());
        return done;
    }

    StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor) {
        requireQuantity(quantity, "receipt of " + sku);
        return move(sku, warehouse, reference, actor, null, Movement.RECEIVE, true,
                row -> new int[] { quantity, 0, 0, 0 });
    }

    StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor) {
        requireQuantity(quantity, "return of " + sku);
        return move(sku, warehouse, reference, actor, null, damaged ? Movement.QUARANTINE : Movement.RETURN, true,
                row -> damaged ? new int[] { 0, 0, 0, quantity } : new int[] { quantity, 0, 0, 0 });
    }

    StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason) {
        require(delta != 0, "an adjustment of 0 changes nothing");
        requireQuantity(Math.abs(delta), "adjustment of " + sku);
        require(reason != null && !reason.isBlank() && reason.length() <= 512, "an adjustment needs a reason (1-512 characters)");
        return move(sku, warehouse, "adjust", actor, reason, Movement.ADJUST, delta > 0, row -> {
            int onHand = row.onHand() + delta;
            if (onHand < 0) {
                throw new InventoryException("adjusting " + sku + " in " + warehouse + " by " + delta + " would leave on hand "
                        + onHand + " below 0");
            }
            if (onHand < row.reserved()) {
                throw new InventoryException("adjusting " + sku + " in " + warehouse + " by " + delta + " would leave on hand "
                        + onHand + " below the " + row.reserved() + " reserved; release or ship those first");
            }
            return new int[] { delta, 0, 0, 0 };
        });
    }

    StockRow setSafety(String sku, String warehouse, int safety, Actor actor) {
        require(safety >= 0 && safety <= MAX_QUANTITY, "safety stock must be 0.." + MAX_QUANTITY + ", not " + safety);
        return move(sku, warehouse, "safety", actor, null, Movement.SAFETY, true,
                row -> new int[] { 0, 0, safety - row.safety(), 0 });
    }

    private interface Deltas {
        int[] of(StockRow row);
    }

    /** One movement on one row: lock (or create) it, compute the deltas, apply, ledger, commit. */
    private StockRow move(String sku, String warehouse, String reference, Actor actor, String reason, Movement movement,
            boolean create, Deltas deltas) {
        validator.requirePlainSku(sku);
        validator.requireWarehouse(warehouse);
        requireReference(reference);
        require(actor != null, "an actor is required");
        StockKey k = new StockKey(sku, warehouse);
        StockRow after = transactions.write(tx -> {
            Optional<StockRow> row = store.lockRow(tx, k);
            if (row.isEmpty()) {
                if (!create) {
                    throw new InventoryException(sku + " has no stock in " + warehouse);
                }
                store.insertRow(tx, k);
                row = store.lockRow(tx, k);
            }
            int[] d = deltas.of(row.get());
            if (d[0] == 0 && d[1] == 0 && d[2] == 0 && d[3] == 0) {
                return row.get();
            }
            store.apply(tx, k, d[0], d[1], d[2], d[3]);
            store.ledger(tx, List.of(new LedgerRow(k, movement, d[0], d[1], d[2], d[3], reference, actor.toString(), reason)),
                    clock.instant());
            return store.lockRow(tx, k).orElseThrow();
        });
        changed(List.of(sku));
        return after;
    }

    private void changed(Collection<String> skuCodes) {
        if (!skuCodes.isEmpty()) {
            changes.changed(Set.copyOf(skuCodes), clock.instant());
        }
    }
}
