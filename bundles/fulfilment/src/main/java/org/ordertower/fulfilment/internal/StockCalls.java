package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.time.Instant;
import java.util.List;

import org.ordertower.api.Order;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TransferStore.Transfer;
import org.ordertower.core.spi.OrderLedger;

/**
 * The inventory's tasks: reserved stock leaves with the parcels (STOCK_SHIP), returned goods come back
 * (RESTOCK), and a reservation follows a received transfer (TRANSFER_STOCK), which lets its parcel go on.
 */
final class StockCalls {
    private final FulfilmentContext ctx;
    private final Planner planner;

    StockCalls(FulfilmentContext ctx, Planner planner) {
        this.ctx = ctx;
        this.planner = planner;
    }

    void register(TaskHandlers handlers) {
        handlers.on(StockShipTask.class, this::stockShip).on(RestockTask.class, this::restock)
                .on(TransferStockTask.class, this::transferStock);
    }

    private TxWork<Boolean> stockShip(StockShipTask task, TaskHandler.Call call) {
        InventoryService inv = ctx.requireInventory();
        Order o = call.order();
        List<Allocation> shipped = inv.ship(OrderLedger.reservationOf(o.id()), task.warehouse(), ACTOR);
        return tx -> {
            ctx.orders.audit(tx, o.id(), call.now(), ACTOR, "stock-shipped", "reservation", null, shipped.toString(),
                    "left " + task.warehouse());
            return false;
        };
    }

    private TxWork<Boolean> restock(RestockTask task, TaskHandler.Call call) {
        InventoryService inv = ctx.requireInventory();
        Restock r = task.goods();
        inv.returnGoods(r.sku(), r.warehouse(), r.quantity(), r.damaged(), r.reference(), ACTOR);
        return tx -> {
            ctx.orders.audit(tx, call.order().id(), call.now(), ACTOR, "restocked", "stock", null, r.sku() + " x"
                    + r.quantity(), r.damaged() ? "damaged: into quarantine at " + r.warehouse()
                            : "back to stock at " + r.warehouse());
            return false;
        };
    }

    private TxWork<Boolean> transferStock(TransferStockTask task, TaskHandler.Call call) {
        Transfer tr = ctx.read(tx -> ctx.transfers.transferByCode(tx, task.transferCode(), false))
                .orElseThrow(() -> new IllegalArgumentException("transfer " + task.transferCode() + " is gone"));
        InventoryService inv = ctx.requireInventory();
        Order o = call.order();
        Instant now = call.now();
        List<Allocation> moved = inv.transfer(OrderLedger.reservationOf(o.id()), tr.from(), tr.to(),
                tr.lines().stream().map(l -> new StockItem(l.sku(), l.quantity())).toList(), tr.code(), ACTOR);
        return tx -> {
            Transfer locked = ctx.transfers.transferByCode(tx, tr.code(), true).orElseThrow();
            if (!locked.status().equals(TransferStore.RECEIVED)) {
                return false;
            }
            ctx.transfers.setTransfer(tx, tr.id(), TransferStore.MOVED, now);
            ctx.orders.audit(tx, o.id(), now, ACTOR, "stock-transferred", "reservation", null, moved.toString(),
                    tr.code() + ": " + tr.from() + " -> " + tr.to() + ", the reservation follows");
            Parcel parcel = ctx.parcels.parcel(tx, tr.parcelId(), true).orElseThrow();
            boolean all = ctx.transfers.transfersOf(tx, parcel.id()).stream()
                    .allMatch(x -> x.status().equals(TransferStore.MOVED));
            if (all && parcel.status() == ParcelStatus.PLANNED) {
                ctx.parcels.clearStuck(tx, parcel.id(), now);
                planner.firstCall(tx, parcel.code(), o.id(), parcel.id(), now, now);
                ctx.orders.audit(tx, o.id(), now, ACTOR, "transfer-complete", "parcel", null, parcel.code(),
                        parcel.code() + " has all its goods at " + parcel.warehouse() + " and goes on");
            }
            return false;
        };
    }
}
