package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.Actor;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderStatus;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.ReceivedLine;
import org.ordertower.api.fulfilment.ShippedPackage;
import org.ordertower.api.fulfilment.TrackingEvent;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TransferStore.Transfer;
import org.ordertower.jdbc.Tx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warehouse and carrier callbacks, each applied in one durable transaction with the follow-up calls it makes
 * necessary (write-back, tracking subscription, stock movements, returns, refunds) written as tasks in it.
 */
final class Callbacks {
    private final Logger logger = LoggerFactory.getLogger(Callbacks.class);
    private final FulfilmentContext ctx;

    Callbacks(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    /** Applies a WMS's events in one durable commit, shared with the reports that came with them; repeats dropped. */
    void wmsEvents(String wmsId, List<WmsEvent> events) throws SQLException {
        Instant now = ctx.clock.instant();
        ctx.writeReport(tx -> {
            for (WmsEvent e : events) {
                if (ctx.callbacks.firstTime(tx, "wms:" + wmsId, e.eventId(), now)) {
                    apply(tx, wmsId, e, now);
                }
            }
            return null;
        });
    }

    /** Applies a tracking service's events in one durable commit (shared likewise); repeats are dropped. */
    void trackingEvents(String carrierId, List<TrackingEvent> events) throws SQLException {
        Instant now = ctx.clock.instant();
        ctx.writeReport(tx -> {
            for (TrackingEvent e : events) {
                for (Parcel p : ctx.parcels.parcelsByTracking(tx, e.trackingNo())) {
                    if (ctx.callbacks.trackingEvent(tx, p.id(), e.state(), e.at(), e.description(), e.location(), now)) {
                        track(tx, carrierId, p, e, now);
                    }
                }
            }
            return null;
        });
    }

    // ---- warehouse events

    private void apply(Tx tx, String wmsId, WmsEvent e, Instant now) throws SQLException {
        if (ParcelCodes.isTransfer(e.code())) {
            Transfer t = ctx.transfers.transferByCode(tx, e.code(), true).orElse(null);
            if (t != null) {
                transferEvent(tx, wmsId, t, e, now);
                return;
            }
        }
        Parcel p = ctx.parcels.parcelByCode(tx, ParcelCodes.parcelOf(e.code()), true).orElse(null);
        if (p == null) {
            logger.warn("{} reported {} for an unknown code {}; ignored", wmsId, e.kind(), e.code());
            return;
        }
        long orderId = p.orderId();
        switch (e.kind()) {
            case SHIPPED, PARTIALLY_SHIPPED -> shipped(tx, wmsId, p, e, now);
            case PROGRESS -> ctx.orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-progress", "parcel", null,
                    e.status(), p.code() + (e.message() == null ? "" : ": " + e.message()));
            case EXCEPTION -> {
                ctx.orders.audit(tx, orderId, now, Actor.channel(wmsId), "wms-exception", "parcel", null, e.status(),
                        p.code() + ": " + e.message());
                ctx.orders.raise(tx, orderId, "wms-exception", p.code(), wmsId + " reports " + e.status()
                        + " and cannot ship it", now);
                logger.warn("ALERT {} cannot ship parcel {} of order {}: {}", wmsId, p.code(), orderId, e.message());
            }
            case RETURN_RECEIVED -> {
                restock(tx, wmsId, p, e, now);
                for (Parcel g : Boxes.shipped(ctx.parcels, tx, p)) {
                    ctx.parcels.setStatus(tx, g.id(), ParcelStatus.RETURNED, now);
                    ctx.orders.audit(tx, g.orderId(), now, Actor.channel(wmsId), "return-received", "parcel", null,
                            e.code(), e.received().size() + " lines at " + e.warehouse() + (g.id() == p.id() ? ""
                                    : " (the box of " + p.code() + ")"));
                    Order o = ctx.orders.load(tx, g.orderId(), true).orElseThrow();
                    refundTasks(tx, o, g, e, now);
                    if (o.status().canMoveTo(OrderStatus.RETURNED) && ctx.parcels.parcelsOf(tx, g.orderId()).stream()
                            .allMatch(x -> x.id() == g.id() || x.status() == ParcelStatus.RETURNED
                                    || x.status() == ParcelStatus.CANCELLED)) {
                        move(tx, o, OrderStatus.RETURNED, "every parcel is back at a return centre", now);
                    }
                }
            }
            case ENTRY_RECEIVED -> logger.info("{} reported entry order {}, which is no transfer of ours; ignored", wmsId,
                    e.code());
            default -> throw new IllegalStateException(e.kind().name());
        }
    }

    /** A box left the warehouse: each order of it writes back its own lines and has its tracking subscribed. */
    private void shipped(Tx tx, String wmsId, Parcel p, WmsEvent e, Instant now) throws SQLException {
        List<Parcel> box = Boxes.box(ctx.parcels, tx, p);
        for (Parcel g : box) {
            Order o = ctx.orders.load(tx, g.orderId(), true).orElseThrow();
            int parcels = (int) ctx.parcels.parcelsOf(tx, g.orderId()).stream()
                    .filter(x -> x.status() != ParcelStatus.CANCELLED).count();
            for (ShippedPackage pkg : e.packages()) {
                ctx.parcels.shipped(tx, g.id(), pkg.trackingNo(), pkg.carrierCode(), e.at(), now);
                // a box's packages name the box's lines: each order writes back its own parcel's lines
                List<String> lineNos = Routing.platformLines(o.content(),
                        box.size() > 1 || pkg.lines().isEmpty() ? g.lines() : pkg.lines(),
                        parcels > 1 || e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? 2 : 1);
                if (o.status() == OrderStatus.CANCELLED) {
                    // shipped although cancelled (the warehouse was faster): the marketplace closed the
                    // order, so there is nothing to write back; the alert and a return follow
                    ctx.orders.audit(tx, g.orderId(), now, ACTOR, "not-written-back", "tracking", null,
                            pkg.trackingNo(), "the order is cancelled; its goods left with " + pkg.trackingNo());
                } else {
                    ctx.tasks.addTask(tx, new WriteBackTask(g.code(), pkg.carrierCode(), pkg.trackingNo(), lineNos),
                            g.orderId(), g.id(), now);
                }
                if (!ctx.options.trackingService().isBlank()) {
                    ctx.tasks.addTask(tx, new SubscribeTask(pkg.carrierCode(), pkg.trackingNo()), g.orderId(), g.id(),
                            now);
                }
                ctx.orders.audit(tx, g.orderId(), now, Actor.channel(wmsId), "shipped", "tracking", null,
                        pkg.trackingNo(), g.code() + " left " + g.warehouse() + " with " + pkg.carrierCode()
                                + (box.size() > 1 ? " in the box of " + p.code() + " (" + box.size() + " orders)" : "")
                                + (e.kind() == WmsEvent.Kind.PARTIALLY_SHIPPED ? " (partly; more follows)" : ""));
            }
            if (e.kind() == WmsEvent.Kind.SHIPPED) {
                shippedFromWarehouse(tx, o, g, now);
            }
        }
    }

    /**
     * Books what a return centre received back into stock (or quarantine), never more than the parcel (its box) held:
     * a warehouse may confirm one return in parts, and may send a confirmation again under a new id, so each SKU is
     * capped by the units that left less the units already booked for this return. Units beyond that are not booked;
     * they raise an alert for a recount.
     */
    private void restock(Tx tx, String wmsId, Parcel p, WmsEvent e, Instant now) throws SQLException {
        String reference = "return-" + p.code();
        Map<String, Integer> open = new TreeMap<>();
        for (Parcel g : Boxes.shipped(ctx.parcels, tx, p)) {
            for (ParcelLine l : g.lines()) {
                open.merge(l.sku(), l.quantity(), Integer::sum);
            }
        }
        ctx.tasks.restocked(tx, reference).forEach((sku, n) -> open.merge(sku, -n, Integer::sum));
        List<String> excess = new ArrayList<>();
        for (ReceivedLine l : e.received()) {
            int q = Math.min(l.quantity(), Math.max(0, open.getOrDefault(l.sku(), 0)));
            if (q > 0) {
                Restock goods = new Restock(e.warehouse(), l.sku(), q, l.damaged(), reference);
                ctx.tasks.addTask(tx, new RestockTask(e.eventId(), goods), p.orderId(), p.id(), now);
                open.merge(l.sku(), -q, Integer::sum);
            }
            if (q < l.quantity()) {
                excess.add((l.quantity() - q) + " x " + l.sku());
            }
        }
        if (!excess.isEmpty()) {
            String why = e.warehouse() + " reports " + String.join(", ", excess) + " more than " + p.code()
                    + " held or than was booked already; not booked: count the return again";
            ctx.orders.audit(tx, p.orderId(), now, Actor.channel(wmsId), "return-excess", "stock", null, e.code(), why);
            ctx.orders.raise(tx, p.orderId(), "return-excess", p.code(), why, now);
        }
    }

    /** A warehouse's report on a transfer: the source shipped it, or the destination received it. */
    private void transferEvent(Tx tx, String wmsId, Transfer t, WmsEvent e, Instant now) throws SQLException {
        switch (e.kind()) {
            case ENTRY_RECEIVED -> {
                if (!t.status().equals(TransferStore.PLANNED)) {
                    ctx.orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "transfer-received", "parcel",
                            t.status(), t.code(), "received at " + t.to() + " after the transfer was " + t.status()
                                    + ": nothing moves for this order");
                    return;
                }
                ctx.transfers.setTransfer(tx, t.id(), TransferStore.RECEIVED, now);
                ctx.tasks.addTask(tx, new TransferStockTask(t.code()), t.orderId(), t.parcelId(), now);
                StringBuilder got = new StringBuilder();
                for (ReceivedLine l : e.received()) {
                    got.append(got.length() == 0 ? "" : ", ").append(l.quantity()).append(" x ").append(l.sku())
                            .append(l.damaged() ? " damaged" : "");
                }
                ctx.orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "transfer-received", "parcel", null,
                        t.code(), t.to() + " received " + (got.length() == 0 ? "the transfer" : got) + " from "
                                + t.from() + (t.lateAt() != null ? " (late: expected " + t.expected() + ")" : ""));
                int expected = t.lines().stream().mapToInt(ParcelLine::quantity).sum();
                int good = e.received().stream().filter(l -> !l.damaged()).mapToInt(ReceivedLine::quantity).sum();
                if (!e.received().isEmpty() && good < expected) {
                    logger.warn("ALERT transfer {} of order {}: {} received {} sound units of {}; check the stock",
                            t.code(), t.orderId(), t.to(), good, expected);
                }
            }
            case SHIPPED, PARTIALLY_SHIPPED -> ctx.orders.audit(tx, t.orderId(), now, Actor.channel(wmsId),
                    "transfer-left", "parcel", null, t.code(), "the transfer left " + t.from() + " for " + t.to());
            case EXCEPTION -> {
                ctx.orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "wms-exception", "parcel", null, e.status(),
                        t.code() + ": " + e.message());
                logger.warn("ALERT {} cannot work transfer {} of order {}: {}", wmsId, t.code(), t.orderId(),
                        e.message());
            }
            default -> ctx.orders.audit(tx, t.orderId(), now, Actor.channel(wmsId), "wms-progress", "parcel", null,
                    e.status(), t.code() + (e.message() == null ? "" : ": " + e.message()));
        }
    }

    /** One REFUND task per platform refund the returned goods settle (once per refund id, whatever repeats). */
    private void refundTasks(Tx tx, Order o, Parcel p, WmsEvent e, Instant now) throws SQLException {
        NormalizedOrder c = o.content();
        List<ReturnOutcome> outcomes = Refunds.outcomes(c, p.lines(), e.received(), ctx.options.refunds());
        for (ReturnOutcome out : outcomes) {
            ctx.tasks.addTask(tx, RefundTask.of(c.channel(), c.shop(), out), o.id(), p.id(), now);
        }
        if (outcomes.isEmpty()) {
            ctx.orders.audit(tx, o.id(), now, ACTOR, "refund-none", "refund", null, null, p.code()
                    + ": no open refund on " + c.channel() + " covers these goods; nothing to report");
        }
    }

    private void shippedFromWarehouse(Tx tx, Order o, Parcel p, Instant now) throws SQLException {
        List<Parcel> all = ctx.parcels.parcelsOf(tx, o.id());
        boolean warehouseDone = all.stream().filter(x -> x.warehouse().equals(p.warehouse()))
                .filter(x -> x.status() != ParcelStatus.CANCELLED).allMatch(x -> x.id() == p.id() || x.shippedAt() != null);
        if (warehouseDone) {
            ctx.tasks.addTask(tx, new StockShipTask(o.id(), p.warehouse()), o.id(), null, now);
        }
        boolean allDone = all.stream().filter(x -> x.status() != ParcelStatus.CANCELLED)
                .allMatch(x -> x.id() == p.id() || x.shippedAt() != null);
        if (allDone && o.status() == OrderStatus.ROUTED) {
            move(tx, o, OrderStatus.SHIPPED, all.size() == 1 ? "the parcel left" : "every parcel left", now);
        }
    }

    // ---- tracking events

    private void track(Tx tx, String carrierId, Parcel p, TrackingEvent e, Instant now) throws SQLException {
        ctx.parcels.tracked(tx, p.id(), e.state(), e.at(), now);
        if (p.stuckAt() != null) {
            ctx.orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "parcel-moving", "parcel", null,
                    e.state().name(), p.code() + " moves again");
        }
        switch (e.state()) {
            case DELIVERED -> {
                if (p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.SENT) {
                    ctx.parcels.setStatus(tx, p.id(), ParcelStatus.DELIVERED, now);
                    ctx.orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "delivered", "parcel", null,
                            p.trackingNo(), p.code() + ": " + e.description());
                    Order o = ctx.orders.load(tx, p.orderId(), true).orElseThrow();
                    boolean all = ctx.parcels.parcelsOf(tx, p.orderId()).stream()
                            .filter(x -> x.status() != ParcelStatus.CANCELLED)
                            .allMatch(x -> x.id() == p.id() || x.status() == ParcelStatus.DELIVERED);
                    if (all && o.status() == OrderStatus.SHIPPED) {
                        move(tx, o, OrderStatus.DELIVERED, "delivered (" + e.description() + ")", now);
                    }
                }
            }
            case REFUSED, RETURNING, RETURNED -> {
                if ((p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.DELIVERED)
                        && p.mergedInto() != null) {
                    ctx.parcels.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                    ctx.orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "returning", "parcel", null,
                            e.state().name(), p.code() + " goes back in its box, with the return of parcel "
                                    + p.mergedInto() + ": " + e.description());
                } else if (p.status() == ParcelStatus.SHIPPED || p.status() == ParcelStatus.DELIVERED) {
                    ctx.parcels.setStatus(tx, p.id(), ParcelStatus.RETURNING, now);
                    String centre = ctx.returnCentre(p);
                    ctx.tasks.addTask(tx, new ReturnCreateTask(p.code(), centre, null), p.orderId(), p.id(), now);
                    ctx.orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "returning", "parcel", null,
                            e.state().name(), p.code() + " goes back to return centre " + centre + ": "
                                    + e.description());
                }
            }
            case EXCEPTION -> {
                ctx.orders.audit(tx, p.orderId(), now, Actor.channel(carrierId), "parcel-exception", "parcel", null,
                        p.trackingNo(), p.code() + ": " + e.description());
                ctx.orders.raise(tx, p.orderId(), "parcel-exception", p.code(), p.carrier() + " " + p.trackingNo()
                        + " reports an exception (the order's timeline has its words)", now);
                logger.warn("ALERT parcel {} ({} {}) of order {}: {}", p.code(), p.carrier(), p.trackingNo(),
                        p.orderId(), e.description());
            }
            default -> {
                // collected, in transit, out for delivery: the tracking table has them
            }
        }
    }

    private void move(Tx tx, Order o, OrderStatus to, String reason, Instant now) throws SQLException {
        Order next = new Order(o.id(), to, o.riskLevel(), o.receivedAt(), now, o.revision() + 1, o.content());
        ctx.orders.statusChanged(tx, o, next, null, ACTOR, reason, now);
    }
}
