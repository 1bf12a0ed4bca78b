package org.ordertower.api.inventory;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ordertower.api.Actor;

/**
 * Stock per SKU and warehouse, reservations and the stock ledger. Thread-safe; correct across
 * several nodes sharing one PostgreSQL database. Every operation is one transaction that writes the
 * counters and their ledger rows together. Bad input (unknown SKU or warehouse, a quantity that is
 * not positive, ...) throws {@link InventoryException} and changes nothing; running out of stock
 * is a {@link ReservationResult}, not an exception.
 */
public interface InventoryService {

    /** Inserts or replaces a warehouse. */
    void saveWarehouse(Warehouse warehouse);

    /** All warehouses by priority, then id. */
    List<Warehouse> warehouses();

    /**
     * Reserves every item of the request, all or nothing, durably. Idempotent on the reference.
     * Blocks while the reservation is batched with others.
     */
    ReservationResult reserve(ReservationRequest request);

    /** {@link #reserve} without blocking the caller. Bad input completes the future exceptionally. */
    CompletableFuture<ReservationResult> reserveAsync(ReservationRequest request);

    /**
     * {@link #reserveAsync} of many requests at once, a future per request in their order: what they share (the
     * catalog's word on their SKUs) is read once for all of them instead of once per request.
     */
    default java.util.List<CompletableFuture<ReservationResult>> reserveAllAsync(java.util.List<ReservationRequest> requests) {
        return requests.stream().map(this::reserveAsync).toList();
    }

    /** What the reference holds now; empty when it holds nothing (never reserved, released or shipped). */
    List<Allocation> held(String reference);

    /**
     * Gives back what the reference holds.
     *
     * @return what was released; empty when the reference was reserved but holds nothing any more
     *     (released or shipped before), so a repeated release is harmless
     * @throws InventoryException when the reference never reserved anything
     */
    List<Allocation> release(String reference, Actor actor, String reason);

    /**
     * Ships what the reference holds (in one warehouse, or in all when {@code warehouse} is null):
     * on hand and reserved go down together.
     *
     * @return what was shipped; empty when there was nothing left to ship
     * @throws InventoryException when the reference never reserved anything
     */
    List<Allocation> ship(String reference, String warehouse, Actor actor);

    /**
     * Moves held units of a reservation from one warehouse to another (a transfer between the merchant's
     * warehouses arrived): at {@code from} on hand and reserved go down ({@link Movement#TRANSFER_OUT}), at
     * {@code to} on hand and reserved go up ({@link Movement#TRANSFER_IN}, the row is created on first receipt),
     * and the reservation holds the units at {@code to} from then on. One transaction. Moves at most what the
     * reservation still holds of each item at {@code from}, so a repeat after a crash moves nothing more.
     *
     * @param items the SKUs and units to move
     * @param document the transfer's code, written to the ledger rows' reason
     * @return what moved; empty when nothing was left to move
     * @throws InventoryException when the reference never reserved anything, or a warehouse is unknown
     */
    List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor);

    /** Goods arrived: on hand up. Creates the stock row on first receipt. */
    StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor);

    /** Goods came back: on hand up, or quarantine up when damaged. */
    StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor);

    /**
     * Corrects on hand by {@code delta} (not 0).
     *
     * @throws InventoryException when on hand would fall under 0 or under what is reserved
     */
    StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason);

    /** Sets the safety stock of a row (0 or more). */
    StockRow setSafety(String sku, String warehouse, int safety, Actor actor);

    /** Records stock on its way (shown, not sellable). */
    InTransit addInTransit(String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference);

    /** Everything about one SKU's stock. */
    StockView view(String sku);

    /** The counters of every SKU in one warehouse, by SKU (empty for a warehouse without stock). */
    List<StockRow> rows(String warehouse);

    /** The newest ledger rows of a SKU (all SKUs when null), newest first. */
    List<LedgerEntry> ledger(String sku, int limit);

    /** Proves every counter equals the sum of its ledger and reports each difference. */
    LedgerCheck check();

    /** Inserts or replaces the allocation rule for this SKU (or {@code *}) and channel. */
    void saveAllocation(ChannelAllocation allocation);

    List<ChannelAllocation> allocations();

    /** Recent push attempts, newest first. */
    List<StockPush> recentPushes(int limit);

    /** Recent low-stock alerts, newest first. */
    List<StockAlert> alerts(int limit);

    /**
     * One page of the recent push attempts, newest first: those with an id ({@link StockPush#id}) below {@code after}
     * (from the newest when null), only the failed ones when {@code failedOnly}, at most {@code limit}. The next page
     * starts after the last one's id. This default filters {@link #recentPushes(int)}; the inventory reads its own.
     *
     * @since 1.4
     */
    default List<StockPush> recentPushes(Long after, boolean failedOnly, int limit) {
        return recentPushes(Integer.MAX_VALUE).stream().filter(p -> after == null || p.id() < after)
                .filter(p -> !failedOnly || !p.ok()).limit(limit).toList();
    }

    /**
     * One page of the recent low-stock alerts, newest first: those with an id ({@link StockAlert#id}) below
     * {@code after} (from the newest when null), at most {@code limit}. The next page starts after the last one's id.
     * This default filters {@link #alerts(int)}; the inventory reads its own.
     *
     * @since 1.4
     */
    default List<StockAlert> alerts(Long after, int limit) {
        return alerts(Integer.MAX_VALUE).stream().filter(a -> after == null || a.id() < after).limit(limit).toList();
    }
}
