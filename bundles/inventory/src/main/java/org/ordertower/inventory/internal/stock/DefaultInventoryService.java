package org.ordertower.inventory.internal.stock;

import static org.ordertower.inventory.internal.stock.StockValidator.require;
import static org.ordertower.inventory.internal.stock.StockValidator.requireCode;
import static org.ordertower.inventory.internal.stock.StockValidator.requireQuantity;
import static org.ordertower.inventory.internal.stock.StockValidator.requireReference;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ordertower.api.Actor;
import org.ordertower.api.OrderTowerException;
import org.ordertower.api.StoreUnavailableException;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockView;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.Database;
import org.ordertower.jdbc.Tx;

/**
 * The inventory service on one database. Reservations go through the striped, batched
 * {@link Reserver}; the rarer movements (release, ship, receive, return, adjust) are one
 * transaction each that locks its rows in the same key order. Every commit is made durable before
 * the caller hears of it, and then reported to the {@link StockChanges} listener (the pusher).
 */
public final class DefaultInventoryService implements InventoryService, AutoCloseable {
    /** Most units in one item or movement; protects sums from overflow and typos from becoming stock. */
    public static final int MAX_QUANTITY = 1_000_000;

    /** Who hears of committed stock changes, and answers the push and alert questions. */
    public interface StockChanges extends Reserver.Listener {
        /** The channel quantities of a SKU as the pusher would push them now. */
        Map<String, Integer> perChannel(Tx tx, String sku, int sellable) throws SQLException;

        boolean presale(Tx tx, String sku, int sellable) throws SQLException;

        void allocationChanged(String sku, String channel);

        List<StockPush> recentPushes(int limit);

        /** Newest first, numbered below {@code after} (all when null), only the failed ones when {@code failedOnly}. */
        List<StockPush> recentPushes(Long after, boolean failedOnly, int limit);

        List<StockAlert> alerts(int limit);

        /** Newest first, with an id below {@code after} (all when null). */
        List<StockAlert> alerts(Long after, int limit);
    }

    private final StockTransactions transactions;
    private final StockStore store = new StockStore();
    private final SkuDirectory skus;
    private final WarehouseDirectory warehouses;
    private final StockValidator validator;
    private final StockMovements movements;
    private final StockChanges changes;
    private final Reserver reserver;
    private final long waitMillis;

    /**
     * @param stripes reservation threads (lock stripes) on this node
     * @param maxBatch most reservations decided in one transaction
     * @param waitMillis how long {@link #reserve} waits for its batch before it reports the store unavailable
     */
    public DefaultInventoryService(Database db, Clock clock, StockChanges changes, int stripes, int maxBatch,
            int queueCapacity, long waitMillis) {
        this.transactions = new StockTransactions(db);
        this.changes = changes;
        this.waitMillis = waitMillis;
        this.skus = new SkuDirectory(db, clock, 5_000);
        this.warehouses = new WarehouseDirectory(transactions);
        this.validator = new StockValidator(skus, warehouses);
        this.movements = new StockMovements(transactions, store, validator, clock, changes);
        this.reserver = new Reserver(db, store, warehouses::order, clock, changes, stripes, maxBatch, queueCapacity);
    }

    // ---- warehouses

    @Override
    public void saveWarehouse(Warehouse w) {
        warehouses.save(w);
    }

    @Override
    public List<Warehouse> warehouses() {
        return warehouses.list();
    }

    // ---- reservations

    @Override
    public ReservationResult reserve(ReservationRequest request) {
        CompletableFuture<ReservationResult> f = reserveAsync(request);
        try {
            return f.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while waiting for the reservation", e);
        } catch (TimeoutException e) {
            // It may still commit; a retry with the same reference is idempotent.
            throw new StoreUnavailableException("the reservation was not confirmed within " + waitMillis + " ms", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    private static OrderTowerException unwrap(Throwable c) {
        if (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof OrderTowerException o ? o : new StoreUnavailableException("reservation failed: " + c.getMessage(), c);
    }

    @Override
    public CompletableFuture<ReservationResult> reserveAsync(ReservationRequest request) {
        Pending p;
        try {
            p = validator.pending(request);
        } catch (OrderTowerException e) {
            return CompletableFuture.failedFuture(e);
        }
        return reserver.submit(p);
    }

    @Override
    public List<CompletableFuture<ReservationResult>> reserveAllAsync(List<ReservationRequest> requests) {
        java.util.Set<String> codes = new java.util.HashSet<>();
        for (ReservationRequest r : requests) {
            if (r != null && r.items() != null) {
                r.items().forEach(i -> {
                    if (i != null && i.sku() != null) {
                        codes.add(i.sku());
                    }
                });
            }
        }
        try {
            skus.lookup(codes); // one read for all; each request is validated against what it brought
        } catch (OrderTowerException e) {
            // each request reads (or fails) on its own below
        }
        return requests.stream().map(this::reserveAsync).toList();
    }

    @Override
    public List<Allocation> held(String reference) {
        requireReference(reference);
        return transactions.read(tx -> store.held(tx, List.of(reference)).getOrDefault(reference, List.of()));
    }

    @Override
    public List<Allocation> release(String reference, Actor actor, String reason) {
        return movements.release(reference, actor, reason);
    }

    @Override
    public List<Allocation> ship(String reference, String warehouse, Actor actor) {
        return movements.ship(reference, warehouse, actor);
    }

    @Override
    public List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor) {
        return movements.transfer(reference, from, to, items, document, actor);
    }

    // ---- single-row movements

    @Override
    public StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor) {
        return movements.receive(sku, warehouse, quantity, reference, actor);
    }

    @Override
    public StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor) {
        return movements.returnGoods(sku, warehouse, quantity, damaged, reference, actor);
    }

    @Override
    public StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason) {
        return movements.adjust(sku, warehouse, delta, actor, reason);
    }

    @Override
    public StockRow setSafety(String sku, String warehouse, int safety, Actor actor) {
        return movements.setSafety(sku, warehouse, safety, actor);
    }

    @Override
    public InTransit addInTransit(String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference) {
        validator.requirePlainSku(sku);
        validator.requireWarehouse(warehouse);
        requireQuantity(quantity, "stock in transit of " + sku);
        require(kind != null, "in-transit kind is required (TRANSFER or INBOUND)");
        requireReference(reference);
        long id = transactions.write(tx -> store.insertInTransit(tx, sku, warehouse, quantity, kind, expected, reference));
        return new InTransit(id, sku, warehouse, quantity, kind, expected, reference);
    }

    // ---- reading

    @Override
    public StockView view(String sku) {
        SkuDirectory.Entry e = sku == null ? null : skus.lookup(List.of(sku)).get(sku);
        require(e != null, "unknown SKU '" + sku + "'");
        return transactions.read(tx -> {
            List<StockRow> rows = store.rows(tx, List.of(sku));
            List<InTransit> transit = store.inTransit(tx, sku);
            int sellable = e.isKit() ? kitSellable(tx, e.parts()) : rows.stream().mapToInt(StockRow::sellable).sum();
            return new StockView(sku, rows, transit, sellable, changes.perChannel(tx, sku, sellable),
                    changes.presale(tx, sku, sellable));
        });
    }

    @Override
    public List<StockRow> rows(String warehouse) {
        require(warehouse != null && !warehouse.isBlank(), "a warehouse is required");
        return transactions.read(tx -> store.rowsOf(tx, warehouse));
    }

    /** What a kit's parts allow: the least, over parts, of the part's sellable divided by its quantity. */
    int kitSellable(Tx tx, List<KitPart> parts) throws SQLException {
        Map<String, Integer> per = new TreeMap<>();
        for (StockRow r : store.rows(tx, parts.stream().map(KitPart::sku).toList())) {
            per.merge(r.sku(), r.sellable(), Integer::sum);
        }
        int min = Integer.MAX_VALUE;
        for (KitPart p : parts) {
            min = Math.min(min, per.getOrDefault(p.sku(), 0) / p.quantity());
        }
        return parts.isEmpty() ? 0 : min;
    }

    @Override
    public List<LedgerEntry> ledger(String sku, int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return transactions.read(tx -> store.ledgerEntries(tx, sku, limit));
    }

    @Override
    public LedgerCheck check() {
        return transactions.read(tx -> {
            Connection c = tx.connection();
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(tx.dialect().snapshotIsolation()); // one snapshot for all queries
            try {
                return LedgerChecker.check(tx);
            } finally {
                c.rollback();
                c.setTransactionIsolation(isolation);
            }
        });
    }

    // ---- allocation, pushes, alerts

    @Override
    public void saveAllocation(ChannelAllocation a) {
        require(a != null, "an allocation is required");
        require(a.sku() != null && (a.sku().equals("*") || skus.lookup(List.of(a.sku())).containsKey(a.sku())),
                "unknown SKU '" + (a == null ? null : a.sku()) + "' (use * for the channel's default)");
        requireCode(a.channel(), "channel", 64);
        require(a.sharePercent() == null || (a.sharePercent() >= 1 && a.sharePercent() <= 100),
                "share must be 1..100 percent, not " + a.sharePercent());
        require(a.cap() == null || (a.cap() >= 0 && a.cap() <= MAX_QUANTITY), "cap must be 0.." + MAX_QUANTITY);
        require(a.keep() >= 0 && a.keep() <= MAX_QUANTITY, "keep must be 0.." + MAX_QUANTITY);
        require(a.buffer() >= 0 && a.buffer() <= MAX_QUANTITY, "buffer must be 0.." + MAX_QUANTITY);
        transactions.write(tx -> {
            store.saveAllocation(tx, a);
            return null;
        });
        changes.allocationChanged(a.sku(), a.channel());
    }

    @Override
    public List<ChannelAllocation> allocations() {
        return transactions.read(store::allocations);
    }

    @Override
    public List<StockPush> recentPushes(int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.recentPushes(limit);
    }

    @Override
    public List<StockAlert> alerts(int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.alerts(limit);
    }

    @Override
    public List<StockPush> recentPushes(Long after, boolean failedOnly, int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.recentPushes(after, failedOnly, limit);
    }

    @Override
    public List<StockAlert> alerts(Long after, int limit) {
        require(limit >= 1 && limit <= 10_000, "limit must be 1..10000");
        return changes.alerts(after, limit);
    }

    /** Reservations decided and batches committed since start (for the benchmark and stats). */
    public long[] reserverStats() {
        return new long[] { reserver.requests(), reserver.batches() };
    }

    /** Forgets cached catalog facts (after the catalog changed on this node). */
    public void catalogChanged() {
        skus.invalidateAll();
    }

    @Override
    public void close() {
        reserver.close();
    }
}
