package org.ordertower.core.internal.pipeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.ordertower.api.Actor;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryService;
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

/**
 * An inventory with stock for everything in warehouse HZ: each reservation is held and remembered.
 * Only what the pipeline asks is answered.
 */
final class HoldingInventory implements InventoryService {
    /** Every reservation asked for, in order. */
    final List<ReservationRequest> reservations = new ArrayList<>();

    @Override
    public synchronized CompletableFuture<ReservationResult> reserveAsync(ReservationRequest request) {
        return CompletableFuture.completedFuture(reserve(request));
    }

    @Override
    public synchronized ReservationResult reserve(ReservationRequest request) {
        reservations.add(request);
        List<Allocation> held = new ArrayList<>();
        for (StockItem i : request.items()) {
            held.add(new Allocation(i.sku(), "HZ", i.quantity()));
        }
        return new ReservationResult(request.reference(), ReservationResult.Status.RESERVED, held, List.of());
    }

    @Override
    public List<Allocation> release(String reference, Actor actor, String reason) {
        return List.of();
    }

    @Override
    public void saveWarehouse(Warehouse warehouse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Warehouse> warehouses() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Allocation> held(String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Allocation> ship(String reference, String warehouse, Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StockRow setSafety(String sku, String warehouse, int safety, Actor actor) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InTransit addInTransit(String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference) {
        throw new UnsupportedOperationException();
    }

    @Override
    public StockView view(String sku) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StockRow> rows(String warehouse) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<LedgerEntry> ledger(String sku, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public LedgerCheck check() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void saveAllocation(ChannelAllocation allocation) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ChannelAllocation> allocations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StockPush> recentPushes(int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<StockAlert> alerts(int limit) {
        throw new UnsupportedOperationException();
    }
}
