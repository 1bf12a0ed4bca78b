package org.ordertower.fulfilment.internal;

import static org.ordertower.fulfilment.internal.FulfilmentContext.ACTOR;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.ordertower.fulfilment.internal.ParcelStore.Parcel;
import org.ordertower.fulfilment.internal.TransferStore.Transfer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code watchEvery}: flags shipped parcels without a tracking event for {@code stuckAfter}, and parcels whose
 * transfer is late ({@code ship:parcels --stuck} lists both).
 */
final class Watch {
    private final Logger logger = LoggerFactory.getLogger(Watch.class);
    private final FulfilmentContext ctx;
    private Instant nextWatch = Instant.MIN;

    Watch(FulfilmentContext ctx) {
        this.ctx = ctx;
    }

    /** Watches when it is time to; returns how many parcels and transfers it flagged. */
    int whenDue() {
        Instant now = ctx.clock.instant();
        if (now.isBefore(nextWatch)) {
            return 0;
        }
        nextWatch = now.plus(ctx.options.watchEvery());
        return watchParcels(now) + watchTransfers(now);
    }

    /**
     * Transfers not received by the end of their expected day plus {@code transferLate}: the waiting parcel is
     * flagged like a stuck one ({@code ship:parcels --stuck}), with an audit row and an ALERT log line.
     */
    private int watchTransfers(Instant now) {
        LocalDate lateBefore = LocalDate.ofInstant(now.minus(ctx.consolidation.transferLate()),
                FulfilmentContext.MERCHANT_ZONE);
        List<Transfer> late = ctx.read(tx -> ctx.transfers.lateTransfers(tx, lateBefore, ctx.options.batch()));
        int n = 0;
        for (Transfer t : late) {
            try {
                ctx.write(tx -> {
                    ctx.transfers.flagLate(tx, t.id(), now);
                    ctx.parcels.flagStuck(tx, t.parcelId(), now);
                    ctx.orders.audit(tx, t.orderId(), now, ACTOR, "transfer-late", "parcel", null, t.code(),
                            "the transfer from " + t.from() + " to " + t.to() + " was expected " + t.expected()
                                    + " and has not arrived");
                    return null;
                });
                logger.warn("ALERT transfer {} of order {} from {} to {} expected {} has not arrived", t.code(),
                        t.orderId(), t.from(), t.to(), t.expected());
                n++;
            } catch (SQLException e) {
                logger.warn("Could not flag transfer {}: {}", t.code(), e.getMessage());
            }
        }
        return n;
    }

    private int watchParcels(Instant now) {
        Instant before = now.minus(ctx.options.stuckAfter());
        List<Parcel> quiet = ctx.read(tx -> ctx.parcels.notMoving(tx, before, ctx.options.batch()));
        int n = 0;
        for (Parcel p : quiet) {
            try {
                ctx.write(tx -> {
                    ctx.parcels.flagStuck(tx, p.id(), now);
                    Instant last = p.lastEventAt() != null ? p.lastEventAt() : p.shippedAt();
                    String why = p.code() + ": no tracking event for " + Duration.between(last, now).toHours()
                            + " h (last: " + (p.lastState() == null ? "none" : p.lastState()) + ")";
                    ctx.orders.audit(tx, p.orderId(), now, ACTOR, "parcel-stuck", "parcel", null, p.trackingNo(), why);
                    ctx.orders.raise(tx, p.orderId(), "parcel-stuck", p.code(), p.carrier() + " " + p.trackingNo()
                            + ", " + why, now);
                    return null;
                });
                logger.warn("ALERT parcel {} ({} {}) of order {} has not moved for {}", p.code(), p.carrier(),
                        p.trackingNo(), p.orderId(), ctx.options.stuckAfter());
                n++;
            } catch (SQLException e) {
                logger.warn("Could not flag parcel {}: {}", p.code(), e.getMessage());
            }
        }
        return n;
    }
}
