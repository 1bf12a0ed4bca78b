package org.ordertower.fulfilment.internal;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.CarrierConnector;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.WarehouseConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warehouse systems' and tracking services' callbacks: the first installed account of the partner whose secret
 * verifies a callback parses it (several accounts of one partner may be installed), {@link Fulfilment} applies its
 * events in one durable transaction, and the answer is in the partner's own shape: its success shape only when the
 * events are stored, so the partner sends again otherwise. Plain Java, so the component and tests share it.
 */
public final class PartnerCallbacks {
    private final Logger logger = LoggerFactory.getLogger(PartnerCallbacks.class);
    private final Partners partners;
    private final Fulfilment fulfilment;

    /** Callbacks that could not be applied since the last one that was. */
    private final java.util.concurrent.atomic.AtomicInteger unapplied = new java.util.concurrent.atomic.AtomicInteger();

    public PartnerCallbacks(Partners partners, Fulfilment fulfilment) {
        this.partners = partners;
        this.fulfilment = fulfilment;
    }

    /** A WMS's callback; IllegalArgumentException when no account of {@code wmsId} is installed. */
    public CallbackReply wms(String wmsId, PushRequest request) {
        List<WarehouseConnector> accounts = partners.wms(wmsId);
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("no account of warehouse system " + wmsId + " is installed");
        }
        return callback(wmsId, accounts, c -> c.verifyCallback(request), WarehouseConnector::reply,
                events -> fulfilment.wmsEvents(wmsId, events));
    }

    /** A tracking service's push; IllegalArgumentException when no account of {@code carrierId} takes pushes. */
    public CallbackReply carrier(String carrierId, PushRequest request) {
        List<CarrierConnector> accounts = partners.carrier(carrierId).stream()
                .filter(c -> c.capabilities().contains(CarrierConnector.Capability.TRACKING_PUSH)).toList();
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("no account of tracking service " + carrierId + " is installed");
        }
        return callback(carrierId, accounts, c -> c.verifyCallback(request), CarrierConnector::reply,
                events -> fulfilment.trackingEvents(carrierId, events));
    }

    private interface Apply<E> {
        void apply(List<E> events) throws SQLException;
    }

    private interface Reply<C> {
        CallbackReply reply(C connector, boolean accepted, String message);
    }

    private <C, E> CallbackReply callback(String partner, List<C> accounts, Function<C, List<E>> verify, Reply<C> reply,
            Apply<E> apply) {
        PartnerException refused = null;
        for (C c : accounts) {
            List<E> events;
            try {
                events = verify.apply(c);
            } catch (PartnerException e) {
                if (e.kind() == PartnerException.Kind.AUTH) {
                    refused = e;
                    continue;
                }
                logger.warn("Refused a callback of {}: {}", partner, e.getMessage());
                return reply.reply(c, false, e.getMessage());
            }
            try {
                apply.apply(events);
                int missed = unapplied.getAndSet(0);
                if (missed > 0) {
                    logger.info("Callbacks are applied again; {} could not be meanwhile and are sent again by their "
                            + "partners", missed);
                }
                return reply.reply(c, true, "ok");
            } catch (SQLException | RuntimeException e) {
                // one WARN when callbacks start failing (the database is down, say), not one per callback
                if (unapplied.getAndIncrement() == 0) {
                    logger.warn("Could not apply a callback of {}; it will be sent again (the next failures are logged "
                            + "at DEBUG until one is applied): {}", partner, e.toString());
                } else {
                    logger.debug("Could not apply a callback of {}; it will be sent again: {}", partner, e.toString());
                }
                return reply.reply(c, false, "not stored, send again");
            }
        }
        logger.warn("Refused a callback of {}: {}", partner, refused.getMessage());
        return reply.reply(accounts.get(0), false, refused.getMessage());
    }
}
