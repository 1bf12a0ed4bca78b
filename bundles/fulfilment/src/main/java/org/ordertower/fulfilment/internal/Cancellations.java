package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.ordertower.api.Actor;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.Refund;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.fulfilment.internal.ParcelStore.AddressCheck;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TransferStore.Transfer;
import org.ordertower.jdbc.Tx;

/**
 * Parcels whose order changed after they were planned: cancelled orders' parcels (and the boxes and transfers they
 * were part of), receivers changed after the waybill or delivery order went out, and returns the buyer asked for on
 * the platform; and the warehouse's answer to a cancel.
 */
final class Cancellations {
    /** How often {@link #cancelParcels} reads every order in a cancelling state, not only those that moved. */
    static final Duration SWEEP_EVERY = Duration.ofMinutes(10);
    /** How far before its last complete look {@link #cancelParcels} reads the orders that moved. */
    static final Duration MOVED_MARGIN = Duration.ofMinutes(5);

    private final FulfilmentContext ctx;
    private final Planner planner;
    /**
     * The latest move into a cancelling state that the last complete look saw (null: no sweep ended yet), and when the
     * next sweep is due; the worker's.
     */
    private Instant lastMove;
    private Instant nextSweep;

    Cancellations(FulfilmentContext ctx, Planner planner) {
        this.ctx = ctx;
        this.planner = planner;
    }

    /**
     * Cancels the parcels, not yet left, of orders that were cancelled (or sent back); returns how many. A sweep (the
     * first call, then every {@link #SWEEP_EVERY}) reads every order in a cancelling state; the looks between read only
     * the orders that moved since the latest move the last complete look saw, less {@link #MOVED_MARGIN} (a move
     * committed late, another node's clock). That mark is the writers' own time, read from the orders, never this
     * node's clock. It moves on only when a look found less than a batch and handled every order of it, so an order
     * left over or failed is read again.
     */
    int cancelParcels() {
        Instant started = ctx.clock.instant();
        boolean sweep = lastMove == null || !started.isBefore(nextSweep);
        Instant since = sweep ? Instant.EPOCH : lastMove.minus(MOVED_MARGIN);
        int batch = ctx.options.batch();
        Look look = ctx.read(tx -> new Look(ctx.parcels.lastMove(tx, since),
                sweep ? ctx.parcels.toCancel(tx, batch) : ctx.parcels.toCancel(tx, since, batch)));
        List<Long> failed = new ArrayList<>();
        int moved = ctx.perKey(look.ids(), "Cancelling the parcels of order", (tx, id) -> cancelParcels(tx, id, started),
                failed);
        if (look.ids().size() < batch && failed.isEmpty()) {
            Instant seen = look.lastMove() == null ? Instant.EPOCH : look.lastMove();
            lastMove = lastMove == null || seen.isAfter(lastMove) ? seen : lastMove;
            if (sweep) {
                nextSweep = started.plus(SWEEP_EVERY);
            }
        }
        return moved;
    }

    /** What one look read: the latest move into a cancelling state, and the orders whose parcels to cancel. */
    private record Look(Instant lastMove, List<Long> ids) {
    }

    private int cancelParcels(Tx tx, long id, Instant now) throws SQLException {
        Order o = ctx.orders.load(tx, id, true).orElse(null);
        if (o == null) {
            return 0;
        }
        int n = 0;
        for (Parcel p0 : ctx.parcels.parcelsOf(tx, id)) {
            Parcel p = ctx.parcels.parcel(tx, p0.id(), true).orElseThrow();
            if (p.status() != ParcelStatus.PLANNED && p.status() != ParcelStatus.SENT) {
                continue;
            }
            Parcel lead = p.mergedInto() == null ? p : ctx.parcels.parcel(tx, p.mergedInto(), true).orElseThrow();
            List<Parcel> box = Boxes.box(ctx.parcels, tx, lead);
            cancelTransfers(tx, p, now);
            boolean atWarehouse = cancelBox(tx, lead, box, false, now);
            ctx.orders.audit(tx, id, now, ACTOR, "parcel-cancelled", "parcel", p.code(), null,
                    "the order went to " + o.status() + " before the parcel left"
                            + (box.size() > 1 ? " (it shared the box of " + lead.code() + ")" : ""));
            for (Parcel g : box) {
                if (g.orderId() != id && !atWarehouse) {
                    planner.replan(tx, g, "order " + id + " of the merged parcel " + lead.code() + " went to "
                            + o.status(), now);
                } else if (g.orderId() != id) {
                    ctx.orders.audit(tx, g.orderId(), now, ACTOR, "parcel-waits", "parcel", g.code(), null,
                            "order " + id + " of the merged parcel " + lead.code() + " went to " + o.status()
                                    + "; the box is cancelled at the warehouse, then this order's goods are "
                                    + "planned again");
                }
            }
            n++;
        }
        return n;
    }

    /**
     * A refund that takes goods back (the seller agreed to a return, or the buyer sent the goods) on an order that left:
     * each parcel holding goods the refund covers is announced to its return centre, chosen as for a refused parcel
     * by the parcel's carrier network and the configured return addresses (never the buyer's text), naming the
     * refund so that the receipt can settle it.
     */
    int returnsRequested() {
        List<Long> ids = ctx.read(tx -> ctx.parcels.returnsRequested(tx, ctx.options.batch()));
        Instant now = ctx.clock.instant();
        return ctx.perKey(ids, "Announcing the return of order", (tx, id) -> {
            Order o = ctx.orders.load(tx, id, true).orElse(null);
            if (o == null || (o.status() != OrderStatus.SHIPPED && o.status() != OrderStatus.DELIVERED)) {
                return 0;
            }
            NormalizedOrder c = o.content();
            int n = 0;
            for (Parcel p : ctx.parcels.parcelsOf(tx, id)) {
                if (p.status() != ParcelStatus.SHIPPED && p.status() != ParcelStatus.DELIVERED) {
                    continue;
                }
                Set<String> lines = Refunds.platformLines(c, p.lines());
                Optional<Refund> refund = c.facts().refunds().stream()
                        .filter(r -> r.state() == Refund.State.AWAITING_RETURN || r.state() == Refund.State.GOODS_RETURNED)
                        .filter(r -> lines.stream().anyMatch(r::covers)).findFirst();
                if (refund.isEmpty()) {
                    continue;
                }
                ctx.parcels.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                String centre = ctx.returnCentre(p);
                ctx.tasks.addTask(tx, new ReturnCreateTask(p.code(), centre, refund.get().refundId()), id, p.id(), now);
                ctx.orders.audit(tx, id, now, Actor.channel(c.channel()), "returning", "parcel", null,
                        refund.get().state().name(), p.code() + " comes back from the buyer to return centre "
                                + centre + " (" + p.carrier() + " network) for refund " + refund.get().refundId());
                n++;
            }
            return n;
        });
    }

    /**
     * A buyer who edits the address (platforms allow it until the parcel leaves) after the waybill was printed or the
     * warehouse has the delivery order: the box is cancelled at the warehouse (its waybill given back) and its orders'
     * goods are planned again for the new address; a warehouse that had shipped already keeps the parcel, and an alert
     * asks for the carrier to be told.
     */
    int readdressed() {
        List<AddressCheck> candidates = ctx.read(tx -> ctx.parcels.addressesToCheck(tx, ctx.options.batch()));
        Instant now = ctx.clock.instant();
        return ctx.perKey(candidates, "Checking the address of parcel", (tx, c) -> {
            Parcel p = ctx.parcels.parcel(tx, c.parcelId(), true).orElse(null);
            if (p == null || (p.status() != ParcelStatus.PLANNED && p.status() != ParcelStatus.SENT)) {
                return 0;
            }
            Order o = ctx.orders.load(tx, p.orderId(), true).orElse(null);
            if (o == null) {
                return 0;
            }
            ctx.parcels.addressCompared(tx, p.id(), o.revision());
            if (o.status() != OrderStatus.ROUTED || Contacts.addressDigest(o.content()).equals(c.digest())) {
                return 0;
            }
            Parcel lead = p.mergedInto() == null ? p : ctx.parcels.parcel(tx, p.mergedInto(), true).orElseThrow();
            if (lead.status() != ParcelStatus.PLANNED && lead.status() != ParcelStatus.SENT) {
                return 0;
            }
            List<Parcel> box = Boxes.box(ctx.parcels, tx, lead);
            for (Parcel g : box) {
                ctx.orders.audit(tx, g.orderId(), now, ACTOR, "readdressed", "parcel", g.code(), null,
                        "the receiver changed after " + lead.code() + "'s waybill or delivery order went out: "
                                + "it is made again for the new address");
            }
            if (!cancelBox(tx, lead, box, true, now)) {
                for (Parcel g : box) {
                    planner.replan(tx, g, "the receiver changed after " + lead.code() + "'s waybill was printed", now);
                }
            }
            return 1;
        });
    }

    /**
     * Cancels a box (its lead and every parcel that joined it) and the calls not yet made for it. A box at the
     * warehouse (or on its way there) gets a WMS cancel, and its waybill and the other orders wait for the warehouse's
     * answer, since goods it had shipped already must not be planned again; any other box gives its waybill back now.
     *
     * @param readdress the cancel is for a changed receiver: every order of the box is planned again
     * @return whether the box was at the warehouse
     */
    private boolean cancelBox(Tx tx, Parcel lead, List<Parcel> box, boolean readdress, Instant now) throws SQLException {
        for (Parcel g : box) {
            ctx.parcels.setStatus(tx, g.id(), ParcelStatus.CANCELLED, now);
        }
        ctx.tasks.dropPending(tx, lead.id(), TaskKind.WAYBILL);
        boolean creating = ctx.tasks.dropPending(tx, lead.id(), TaskKind.WMS_CREATE) == 0;
        boolean atWarehouse = lead.status() == ParcelStatus.SENT || creating;
        if (atWarehouse) {
            ctx.tasks.addTask(tx, new WmsCancelTask(lead.code(), readdress), lead.orderId(), lead.id(), now);
        } else {
            cancelWaybill(tx, lead, now);
        }
        return atWarehouse;
    }

    /** Gives a cancelled parcel's waybill back, when it had one. */
    private void cancelWaybill(Tx tx, Parcel lead, Instant now) throws SQLException {
        if (lead.trackingNo() != null && !ctx.options.waybillService().isBlank()) {
            ctx.tasks.addTask(tx, new WaybillCancelTask(lead.code(), lead.carrier(), lead.trackingNo()), lead.orderId(),
                    lead.id(), now);
        }
    }

    /**
     * The warehouse's answer to the cancel of a delivery order (a box of one or more orders). Cancelled (or never
     * known): the waybill goes back and the goods of the box's orders that still want them are planned again.
     * Shipped already: the waybill stays (the parcel is on its way), the orders that still want their goods get
     * their parcels back (the warehouse's ship report ships them), and each cancelled order raises an alert.
     */
    void cancelledAtWarehouse(Tx tx, Parcel lead, CancelResult r, boolean readdress, Instant now) throws SQLException {
        List<Parcel> box = new ArrayList<>();
        box.add(lead);
        box.addAll(ctx.parcels.allMembers(tx, lead.id()));
        boolean shipped = r == CancelResult.ALREADY_SHIPPED;
        List<Order> boxOrders = new ArrayList<>();
        List<String> gone = new ArrayList<>();
        Set<OrderStatus> went = new TreeSet<>();
        for (Parcel g : box) {
            Order og = ctx.orders.load(tx, g.orderId(), true).orElse(null);
            boxOrders.add(og);
            if (og != null && og.status() != OrderStatus.ROUTED) {
                gone.add(Long.toString(og.id()));
                went.add(og.status());
            }
        }
        for (int i = 0; i < box.size(); i++) {
            Parcel g = box.get(i);
            Order og = boxOrders.get(i);
            if (og == null) {
                continue;
            }
            boolean wanted = og.status() == OrderStatus.ROUTED;
            if (!wanted) {
                ctx.orders.audit(tx, og.id(), now, ACTOR, "wms-cancel", "parcel", lead.code(), r.name(), shipped
                        ? "the warehouse had shipped it already: a return is expected"
                        : "the warehouse will not ship it");
                if (shipped) {
                    ctx.orders.raise(tx, og.id(), "shipped-after-cancel", lead.code(), "the order was cancelled but "
                            + lead.warehouse() + " had shipped the parcel already: intercept it with the carrier or "
                            + "expect a return", now);
                }
            } else if (shipped && readdress) {
                ctx.parcels.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                String why = "the address changed after " + lead.warehouse() + " had shipped " + lead.code()
                        + ": it travels to the old address; change it with the carrier";
                ctx.orders.audit(tx, og.id(), now, ACTOR, "parcel-kept", "parcel", g.code(), ParcelStatus.SENT.name(),
                        why);
                ctx.orders.raise(tx, og.id(), "address-changed-after-shipping", lead.code(), why, now);
            } else if (shipped) {
                ctx.parcels.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                ctx.orders.audit(tx, og.id(), now, ACTOR, "parcel-kept", "parcel", g.code(), ParcelStatus.SENT.name(),
                        "another order of the box " + lead.code() + " was cancelled, but the warehouse had shipped the "
                                + "box already: this order's goods left with it");
            } else if (readdress) {
                planner.replan(tx, g, "the receiver changed after " + lead.code() + " went out; " + lead.warehouse()
                        + " cancelled it", now);
            } else if (box.size() > 1) {
                planner.replan(tx, g, "order " + String.join(", ", gone) + " of the merged parcel " + lead.code()
                        + " went to " + went.stream().map(Enum::name).collect(Collectors.joining("/"))
                        + "; the warehouse cancelled the box", now);
            }
        }
        if (!shipped) {
            cancelWaybill(tx, lead, now);
        }
    }

    /** Transfers a cancelled parcel waited for: not needed any more; one already sent is cancelled at the source. */
    private void cancelTransfers(Tx tx, Parcel p, Instant now) throws SQLException {
        for (Transfer t : ctx.transfers.transfersOf(tx, p.id())) {
            if (!t.status().equals(TransferStore.PLANNED)) {
                continue;
            }
            ctx.transfers.setTransfer(tx, t.id(), TransferStore.CANCELLED, now);
            ctx.tasks.dropPending(tx, new TransferInTask(t.code()));
            if (!ctx.tasks.dropPending(tx, new TransferOutTask(t.code()))) {
                ctx.tasks.addTask(tx, new TransferCancelTask(t.code()), p.orderId(), p.id(), now);
            }
            ctx.orders.audit(tx, p.orderId(), now, ACTOR, "transfer-cancelled", "parcel", t.code(), null,
                    "not needed any more: " + p.code() + " is cancelled");
        }
    }
}
