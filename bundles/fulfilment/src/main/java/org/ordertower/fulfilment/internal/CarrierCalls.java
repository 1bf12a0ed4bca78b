package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.time.Instant;
import java.util.List;

import org.ordertower.api.Address;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.ParcelStatus;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.TrackingSubscription;
import org.ordertower.api.fulfilment.Waybill;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;
import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The carrier services' tasks: e-waybills (WAYBILL, WAYBILL_CANCEL) and tracking subscriptions (SUBSCRIBE). */
final class CarrierCalls {
    private final Logger logger = LoggerFactory.getLogger(CarrierCalls.class);
    private final FulfilmentContext ctx;
    private final Contacts contacts;

    CarrierCalls(FulfilmentContext ctx, Contacts contacts) {
        this.ctx = ctx;
        this.contacts = contacts;
    }

    void register(TaskHandlers handlers) {
        handlers.on(WaybillTask.class, this::waybill).on(WaybillCancelTask.class, this::waybillCancel)
                .on(SubscribeTask.class, this::subscribe);
    }

    private TxWork<Boolean> waybill(WaybillTask task, TaskHandler.Call call) {
        Parcel p = call.requireParcel();
        Order o = call.order();
        Instant now = call.now();
        if (p.status() != ParcelStatus.PLANNED) {
            return tx -> false;
        }
        CarrierConnector c = ctx.partners.carrier(ctx.options.waybillService(), CarrierConnector.Capability.WAYBILL,
                p.carrier()).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT, "no "
                        + ctx.options.waybillService() + " account for waybills of " + p.carrier() + " is installed"));
        List<ParcelLine> lines = Boxes.lines(ctx.read(tx -> Boxes.box(ctx.parcels, tx, p)));
        Waybill w = c.applyWaybill(new WaybillRequest(p.code(), p.carrier(), o.content().channel(),
                o.content().platformOrderId(), contacts.sender(p.warehouse()), Contacts.receiver(o.content()), lines, 0));
        String unmapped = carrierUnmapped(o.content(), p.carrier());
        return tx -> {
            if (unmapped != null) {
                ctx.orders.audit(tx, o.id(), now, ACTOR, "carrier-unmapped", "tracking", null, p.carrier(), unmapped);
                ctx.orders.raise(tx, o.id(), "carrier-unmapped", p.code(), unmapped, now);
            }
            ctx.parcels.setWaybill(tx, p.id(), w.waybillNo(), w.printData(), now);
            contacts.noteAddresses(tx, Boxes.box(ctx.parcels, tx, p));
            ctx.orders.audit(tx, o.id(), now, ACTOR, "waybill", "tracking", null, w.waybillNo(),
                    p.code() + ": " + p.carrier() + " e-waybill from " + c.carrierId());
            ctx.tasks.addTask(tx, new WmsCreateTask(p.code()), o.id(), p.id(), now);
            return false;
        };
    }

    /**
     * Why the write-back of a parcel with {@code carrier} could not be made on the order's platform (no logistics company
     * there for it), or null when it can: asked when the parcel gets its waybill, long before the write-back is due.
     */
    private String carrierUnmapped(NormalizedOrder c, String carrier) {
        ChannelService ch = ctx.channels.get();
        if (ch == null) {
            return null;
        }
        try {
            String why = ch.carrierCode(c.channel(), c.shop(), carrier).problem();
            if (why != null) {
                logger.warn("Order {}: {}", c.platformOrderId(), why);
            }
            return why;
        } catch (RuntimeException e) {
            // advisory: the shop is not installed now, its platform's list cannot be read, or the channel service cannot
            // tell; the waybill goes on and the write-back says why if it cannot be made
            logger.debug("Order {}: carrier {} not checked on {}: {}", c.platformOrderId(), carrier, c.channel(),
                    e.toString());
            return null;
        }
    }

    /** Gives the waybill back; the parcel row names it (the payload says the same). */
    private TxWork<Boolean> waybillCancel(WaybillCancelTask task, TaskHandler.Call call) {
        Parcel p = call.requireParcel();
        CarrierConnector c = ctx.partners.carrier(ctx.options.waybillService(), CarrierConnector.Capability.WAYBILL,
                p.carrier()).orElseThrow(() -> new PartnerException(PartnerException.Kind.TRANSIENT,
                        "no " + ctx.options.waybillService() + " account is installed"));
        c.cancelWaybill(p.carrier(), p.trackingNo());
        return tx -> {
            ctx.orders.audit(tx, call.order().id(), call.now(), ACTOR, "waybill-cancelled", "tracking", p.trackingNo(),
                    null, p.code());
            return false;
        };
    }

    private TxWork<Boolean> subscribe(SubscribeTask task, TaskHandler.Call call) {
        Order o = call.order();
        CarrierConnector c = ctx.partners.carrier(ctx.options.trackingService(),
                CarrierConnector.Capability.TRACKING_PUSH, task.carrier()).orElseThrow(() -> new PartnerException(
                        PartnerException.Kind.TRANSIENT, "no " + ctx.options.trackingService() + " account for tracking "
                                + task.carrier() + " is installed"));
        Address a = o.content().address();
        c.subscribe(new TrackingSubscription(task.carrier(), task.trackingNo(), o.content().buyer() == null ? null
                : o.content().buyer().phone(), a == null ? null : a.province() + a.city(),
                ctx.options.callbackBaseUrl() + "/api/v1/carriers/" + c.carrierId() + "/callback"));
        return tx -> {
            ctx.orders.audit(tx, o.id(), call.now(), ACTOR, "tracking-subscribed", "tracking", null, task.trackingNo(),
                    c.carrierId());
            return false;
        };
    }
}
