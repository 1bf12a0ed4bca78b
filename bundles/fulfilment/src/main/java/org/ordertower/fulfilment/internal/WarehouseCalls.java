package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.time.Instant;
import java.util.List;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.Refund;
import org.ordertower.api.fulfilment.CancelResult;
import org.ordertower.api.fulfilment.DeliveryAck;
import org.ordertower.api.fulfilment.DeliveryOrder;
import org.ordertower.api.fulfilment.EntryOrder;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.ReturnOrder;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TransferStore.Transfer;

/**
 * The warehouse systems' tasks: delivery orders made and cancelled (WMS_CREATE, WMS_CANCEL), returns announced
 * (RETURN_CREATE), and the transfers between warehouses sent, expected and cancelled (TRANSFER_OUT, TRANSFER_IN,
 * TRANSFER_CANCEL).
 */
final class WarehouseCalls {
    private final FulfilmentContext ctx;
    private final Contacts contacts;
    private final Planner planner;
    private final Cancellations cancellations;

    WarehouseCalls(FulfilmentContext ctx, Contacts contacts, Planner planner, Cancellations cancellations) {
        this.ctx = ctx;
        this.contacts = contacts;
        this.planner = planner;
        this.cancellations = cancellations;
    }

    void register(TaskHandlers handlers) {
        handlers.on(WmsCreateTask.class, this::wmsCreate).on(WmsCancelTask.class, this::wmsCancel)
                .on(ReturnCreateTask.class, this::returnCreate).on(TransferOutTask.class, this::transferOut)
                .on(TransferInTask.class, this::transferIn).on(TransferCancelTask.class, this::transferCancel);
    }

    private WarehouseConnector wmsFor(String warehouse) {
        return ctx.partners.wmsFor(warehouse).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                "no warehouse system that runs " + warehouse + " is installed"));
    }

    private TxWork<Boolean> wmsCreate(WmsCreateTask task, TaskHandler.Call call) {
        Parcel p = call.requireParcel();
        Order o = call.order();
        Instant now = call.now();
        if (p.status() == ParcelStatus.CANCELLED) {
            return tx -> {
                ctx.tasks.addTask(tx, new WmsCancelTask(p.code(), false), o.id(), p.id(), now);
                return false;
            };
        }
        WarehouseConnector wms = wmsFor(p.warehouse());
        List<Parcel> box = ctx.read(tx -> Boxes.box(ctx.parcels, tx, p));
        List<Long> sent = box.stream().map(Parcel::id).toList();
        NormalizedOrder c = o.content();
        String platformIds = box.size() == 1 ? c.platformOrderId() : String.join(",", box.stream()
                .map(x -> ctx.read(tx -> ctx.orders.load(tx, x.orderId(), false)).map(y -> y.content().platformOrderId())
                        .orElse("?")).distinct().toList());
        DeliveryAck ack = wms.createDelivery(new DeliveryOrder(p.code(), p.warehouse(), c.channel(), c.shop(),
                platformIds, p.carrier(), p.trackingNo(), p.printData(), Contacts.receiver(c),
                contacts.sender(p.warehouse()), c.createdAt(), c.paidAt(), c.buyerNote(), Boxes.lines(box)));
        return tx -> {
            Parcel now2 = ctx.parcels.parcel(tx, p.id(), true).orElseThrow();
            List<Parcel> nowBox = Boxes.box(ctx.parcels, tx, now2);
            if (now2.status() == ParcelStatus.PLANNED) {
                contacts.noteAddresses(tx, nowBox.stream().filter(g -> sent.contains(g.id())).toList());
                for (Parcel g : nowBox) {
                    if (!sent.contains(g.id())) { // joined while the call was under way: not in this box
                        ctx.parcels.detach(tx, g.id(), now);
                        planner.firstCall(tx, g.code(), g.orderId(), g.id(), now, now);
                        ctx.orders.audit(tx, g.orderId(), now, ACTOR, "merge-missed", "parcel", p.code(), g.code(),
                                g.code() + " joined " + p.code() + " after it went to the warehouse: ships on its own");
                        continue;
                    }
                    ctx.parcels.setStatus(tx, g.id(), ParcelStatus.SENT, now);
                }
            } else if (now2.status() == ParcelStatus.CANCELLED) {
                ctx.tasks.addTask(tx, new WmsCancelTask(p.code(), false), o.id(), p.id(), now);
            }
            for (Parcel g : nowBox) {
                if (sent.contains(g.id())) {
                    ctx.orders.audit(tx, g.orderId(), now, ACTOR, "sent-to-wms", "parcel", g.code(), ack.wmsOrderId(),
                            wms.wmsId() + (ack.repeated() ? " already had it" : " took it") + " for " + p.warehouse()
                                    + (sent.size() > 1 ? " as delivery order " + p.code() + " with " + sent.size()
                                            + " orders in one box" : ""));
                }
            }
            return false;
        };
    }

    private TxWork<Boolean> wmsCancel(WmsCancelTask task, TaskHandler.Call call) {
        Parcel p = call.requireParcel();
        CancelResult r = wmsFor(p.warehouse()).cancelDelivery(p.code(), p.warehouse());
        return tx -> {
            cancellations.cancelledAtWarehouse(tx, p, r, task.readdress(), call.now());
            return false;
        };
    }

    private TxWork<Boolean> returnCreate(ReturnCreateTask task, TaskHandler.Call call) {
        Parcel p = call.requireParcel();
        String centre = task.centre();
        boolean buyer = task.byBuyer();
        WarehouseConnector wms = ctx.partners.wmsFor(centre).orElseThrow(() -> new PartnerException(
                PartnerException.Kind.TRANSIENT, "no warehouse system that runs return centre " + centre
                        + " is installed"));
        NormalizedOrder c = call.order().content();
        List<ParcelLine> lines = Boxes.lines(ctx.read(tx -> buyer ? List.of(p) : Boxes.box(ctx.parcels, tx, p)));
        String refundId = buyer ? task.refundId() : Refunds.openFor(c, p.lines()).map(Refund::refundId).orElse(null);
        DeliveryAck ack = wms.createReturn(new ReturnOrder(ParcelCodes.returnOf(p.code()), centre, p.code(),
                c.channel(), c.platformOrderId(), refundId, p.carrier(), p.trackingNo(), Contacts.receiver(c),
                buyer ? "returned by the buyer (refund " + refundId + ")" : "returned by the carrier", lines));
        return tx -> {
            ctx.orders.audit(tx, call.order().id(), call.now(), ACTOR, "return-announced", "parcel", p.code(),
                    ack.wmsOrderId(), "return centre " + centre + " (" + p.carrier() + " network)");
            return false;
        };
    }

    // ---- transfers

    private Transfer transfer(String code) {
        return ctx.read(tx -> ctx.transfers.transferByCode(tx, code, false))
                .orElseThrow(() -> new IllegalArgumentException("transfer " + code + " is gone"));
    }

    private TxWork<Boolean> transferOut(TransferOutTask task, TaskHandler.Call call) {
        Transfer tr = transfer(task.transferCode());
        if (!tr.status().equals(TransferStore.PLANNED)) {
            return tx -> false;
        }
        WarehouseConnector wms = wmsFor(tr.from());
        NormalizedOrder c = call.order().content();
        String carrier = call.parcel() == null ? "OTHER" : call.parcel().carrier();
        DeliveryAck ack = wms.createDelivery(new DeliveryOrder(tr.code(), tr.from(), c.channel(), c.shop(),
                c.platformOrderId(), carrier, null, null, contacts.sender(tr.to()), contacts.sender(tr.from()),
                c.createdAt(), c.paidAt(), "transfer to " + tr.to(), tr.lines()));
        return audit(call, "transfer-out", tr, wms.wmsId() + (ack.repeated() ? " already had" : " took")
                + " the transfer out of " + tr.from() + " (" + ack.wmsOrderId() + ")");
    }

    private TxWork<Boolean> transferIn(TransferInTask task, TaskHandler.Call call) {
        Transfer tr = transfer(task.transferCode());
        if (!tr.status().equals(TransferStore.PLANNED)) {
            return tx -> false;
        }
        WarehouseConnector wms = wmsFor(tr.to());
        DeliveryAck ack = wms.createEntry(new EntryOrder(tr.code(), tr.to(), EntryOrder.Type.TRANSFER, tr.from(),
                tr.expected(), tr.lines()));
        return audit(call, "transfer-in", tr, wms.wmsId() + (ack.repeated() ? " already expected" : " expects")
                + " the transfer into " + tr.to() + " by " + tr.expected() + " (" + ack.wmsOrderId() + ")");
    }

    private TxWork<Boolean> transferCancel(TransferCancelTask task, TaskHandler.Call call) {
        Transfer tr = transfer(task.transferCode());
        CancelResult r = wmsFor(tr.from()).cancelDelivery(tr.code(), tr.from());
        return audit(call, "transfer-cancel", tr, r == CancelResult.ALREADY_SHIPPED ? "the goods had left " + tr.from()
                + " already: " + tr.to() + " will receive them unclaimed" : tr.from() + " will not send them");
    }

    private TxWork<Boolean> audit(TaskHandler.Call call, String action, Transfer tr, String what) {
        return tx -> {
            ctx.orders.audit(tx, call.order().id(), call.now(), ACTOR, action, "parcel", null, tr.code(), what);
            return false;
        };
    }
}
