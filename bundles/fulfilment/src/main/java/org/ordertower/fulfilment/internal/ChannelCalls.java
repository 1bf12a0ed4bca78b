package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.time.Instant;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.ChannelService;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.channel.ShipResult;
import org.ordertower.api.channel.Shipment;
import org.ordertower.fulfilment.internal.FulfilmentContext.TxWork;

/** The marketplaces' tasks: tracking numbers written back (WRITE_BACK) and returned goods reported (REFUND). */
final class ChannelCalls {
    private final FulfilmentContext ctx;

    ChannelCalls(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    void register(TaskHandlers handlers) {
        handlers.on(WriteBackTask.class, this::writeBack).on(RefundTask.class, this::refund);
    }

    private ChannelService channels() {
        ChannelService ch = ctx.channels.get();
        if (ch == null) {
            throw new ChannelException(ChannelException.Kind.TRANSIENT, "the channel runtime is not installed");
        }
        return ch;
    }

    private TxWork<Boolean> writeBack(WriteBackTask task, TaskHandler.Call call) {
        ChannelService ch = channels();
        Order o = call.order();
        NormalizedOrder c = o.content();
        ShipResult r = ch.ship(c.channel(), c.shop(), new Shipment(c.platformOrderId(), task.lineNos(), task.carrier(),
                task.trackingNo()));
        return tx -> {
            ctx.orders.audit(tx, o.id(), call.now(), ACTOR, "tracking-written-back", "tracking", null,
                    task.trackingNo(), c.channel() + " answered " + r
                            + (task.lineNos().isEmpty() ? "" : " for lines " + task.lineNos()));
            return false;
        };
    }

    /**
     * Tells the marketplace what came back of a refund's goods. A channel that cannot is told nothing: the audit
     * trail says a person settles it on the platform, and the task is done (retrying would not help).
     */
    private TxWork<Boolean> refund(RefundTask task, TaskHandler.Call call) {
        Order o = call.order();
        Instant now = call.now();
        ReturnOutcome out = task.outcome(o.content().platformOrderId());
        ChannelService ch = channels();
        NormalizedOrder c = o.content();
        String what = out.decision() + (out.reason() == null ? "" : " (" + out.reason() + ")");
        RefundResult r;
        try {
            r = ch.returnReceived(c.channel(), c.shop(), out);
        } catch (UnsupportedOperationException e) {
            return tx -> {
                ctx.orders.audit(tx, o.id(), now, ACTOR, "refund-manual", "refund", null, out.refundId(),
                        "refund must be settled on " + c.channel() + " by hand: " + what);
                return false;
            };
        }
        return tx -> {
            ctx.orders.refundState(tx, o.id(), out.refundId(), out.decision() == ReturnOutcome.Decision.AGREE
                    ? Refund.State.REFUNDED : Refund.State.REFUSED);
            ctx.orders.audit(tx, o.id(), now, ACTOR, "refund-reported", "refund", null, out.refundId(),
                    c.channel() + " answered " + r + " to " + what);
            return false;
        };
    }
}
