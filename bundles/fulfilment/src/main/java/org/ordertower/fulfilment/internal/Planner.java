package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.core.spi.OrderLedger;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes RESERVED orders into parcels ({@link Routing}) and places each parcel: waiting for its transfers, in the box
 * of an earlier parcel of the same buyer and address, or on its own; and writes a parcel's first call.
 */
final class Planner {
    private final Logger logger = LoggerFactory.getLogger(Planner.class);
    private final FulfilmentContext ctx;

    Planner(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    /** Routes the RESERVED orders there are now; returns how many went to ROUTED. */
    int route(InventoryService inv) {
        List<Long> ids = ctx.read(tx -> ctx.parcels.toRoute(tx, ctx.options.batch()));
        int moved = 0;
        for (long id : ids) {
            try {
                if (routeOne(inv, id)) {
                    moved++;
                }
            } catch (SQLException | RuntimeException e) {
                logger.warn("Routing order {} failed, retried later: {}", id, e.toString());
            }
        }
        return moved;
    }

    private boolean routeOne(InventoryService inv, long id) throws SQLException {
        Order o = ctx.read(tx -> ctx.orders.load(tx, id, false)).orElse(null);
        if (o == null || o.status() != OrderStatus.RESERVED) {
            return false;
        }
        List<Allocation> held = inv.held(OrderLedger.reservationOf(id));
        if (held.isEmpty()) {
            logger.warn("Order {} is RESERVED but its reservation holds nothing; not routed", id);
            return false;
        }
        CatalogService c = ctx.catalog.get();
        Instant now = ctx.clock.instant();
        List<Routing.Planned> planned = Routing.parcels(o.content(), held,
                sku -> c == null ? Optional.empty() : c.sku(sku), ctx.settings, ctx.consolidation, inv.warehouses(),
                LocalDate.ofInstant(now, FulfilmentContext.MERCHANT_ZONE));
        return ctx.write(tx -> {
            OrderLedger.OrderState state = ctx.orders.lockState(tx, id).orElse(null);
            if (state == null || state.revision() != o.revision()) {
                return false;
            }
            StringBuilder why = new StringBuilder();
            int n = ctx.parcels.parcelsOf(tx, id).size();
            int first = n;
            for (Routing.Planned p : planned) {
                n++;
                String code = ParcelCodes.parcel(id, n);
                String placed = place(tx, o, code, p, now);
                why.append(n == first + 1 ? "" : "; ").append(code).append(' ').append(placed);
            }
            Order next = new Order(o.id(), OrderStatus.ROUTED, o.riskLevel(), o.receivedAt(), now, o.revision() + 1,
                    o.content());
            ctx.orders.statusChanged(tx, o, next, null, ACTOR, planned.size() + (planned.size() == 1 ? " parcel: "
                    : " parcels: ") + why, now);
            return true;
        });
    }

    /**
     * Makes one planned parcel of an order: waiting for its transfers, joining the box of an earlier parcel of the
     * same buyer and address, or on its own (held for {@code mergeHold} when another may still join it). Returns
     * the reason for the order's audit trail.
     */
    private String place(Tx tx, Order o, String code, Routing.Planned p, Instant now) throws SQLException {
        long id = o.id();
        Routing.Consolidation consolidation = ctx.consolidation;
        if (!p.transfers().isEmpty()) {
            long parcelId = ctx.parcels.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(),
                    p.reason(), null, null, now);
            int k = 0;
            for (Routing.Transfer t : p.transfers()) {
                String tcode = ParcelCodes.transfer(code, ++k);
                ctx.transfers.insertTransfer(tx, tcode, parcelId, id, t.from(), t.to(), t.lines(), t.km(), t.expected(),
                        now);
                ctx.tasks.addTask(tx, new TransferOutTask(tcode), id, parcelId, now);
                ctx.tasks.addTask(tx, new TransferInTask(tcode), id, parcelId, now);
                ctx.orders.audit(tx, id, now, ACTOR, "transfer-planned", "parcel", null, tcode, code + " waits for the "
                        + t.describe());
            }
            return p.reason();
        }
        String noMerge = Merging.noMerge(o.content(), p, consolidation);
        String key = noMerge == null ? Merging.mergeKey(o.content()) : null;
        if (key != null) {
            Parcel lead = ctx.parcels.mergeLead(tx, key, p.warehouse(), p.carrier(), id,
                    now.minus(consolidation.mergeWindow())).orElse(null);
            if (lead != null) {
                String why = p.reason() + "; merged into " + lead.code() + " (order " + lead.orderId()
                        + "): same buyer and address, one box, one waybill";
                ctx.parcels.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(), why, key,
                        lead.id(), now);
                ctx.orders.audit(tx, id, now, ACTOR, "merged", "parcel", code, lead.code(), code
                        + " ships in the box of " + lead.code() + " of order " + lead.orderId()
                        + ": same buyer and address, from " + p.warehouse() + " with " + p.carrier());
                ctx.orders.audit(tx, lead.orderId(), now, ACTOR, "merged", "parcel", lead.code(), lead.code(), code
                        + " of order " + id + " joins " + lead.code() + ": same buyer and address, one box, one waybill");
                return why;
            }
        }
        String why = noMerge != null && consolidation.merge() ? p.reason() + " (never merged: " + noMerge + ")"
                : p.reason();
        long parcelId = ctx.parcels.insertParcel(tx, code, id, p.warehouse(), p.carrier(), p.coldChain(), p.lines(), why,
                key, null, now);
        firstCall(tx, code, id, parcelId, now, key == null ? now : now.plus(consolidation.mergeHold()));
        return why;
    }

    /** A parcel's first call, due at {@code due}: its waybill when a waybill service issues them, else its WMS order. */
    void firstCall(Tx tx, String code, long orderId, long parcelId, Instant now, Instant due) throws SQLException {
        if (!ctx.options.waybillService().isBlank()) {
            ctx.tasks.addTask(tx, new WaybillTask(code), orderId, parcelId, now, due);
        } else {
            ctx.tasks.addTask(tx, new WmsCreateTask(code), orderId, parcelId, now, due);
        }
    }

    /**
     * A parcel of a box that broke up (another order in it was cancelled): a new parcel with the same goods,
     * warehouse and carrier, placed again (it may join another box). A parcel whose order is no longer ROUTED is
     * left cancelled: its own cancel handles it.
     */
    void replan(Tx tx, Parcel g, String why, Instant now) throws SQLException {
        Order og = ctx.orders.load(tx, g.orderId(), true).orElse(null);
        if (og == null || og.status() != OrderStatus.ROUTED) {
            return;
        }
        String code = ParcelCodes.parcel(og.id(), ctx.parcels.parcelsOf(tx, og.id()).size() + 1);
        Routing.Planned again = new Routing.Planned(g.warehouse(), g.carrier(), g.coldChain(), g.lines(), 0,
                "from " + g.warehouse() + ", " + g.carrier() + ": re-planned after " + g.code(), List.of());
        String placed = place(tx, og, code, again, now);
        ctx.orders.audit(tx, og.id(), now, ACTOR, "parcel-replanned", "parcel", g.code(), code, why + "; " + code + " "
                + placed);
    }
}
