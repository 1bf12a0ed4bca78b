package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Set;

import org.ordertower.api.channel.PushRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One account on a warehouse system (WMS), registered as an OSGi service by its bundle: one instance per
 * Config Admin factory configuration ({@code org.ordertower.wms.<id>}), holding the app key, secret, the WMS's
 * customer id and the OrderTower warehouses it runs. Core tracks these services dynamically.
 *
 * <p>The connector speaks the WMS's protocol and nothing else: core owns the timers, retries, dead letters, the
 * callback HTTP route and the audit trail. Every remote call may throw a {@link PartnerException} whose kind
 * tells core what to do. Calls are idempotent on OrderTower's codes, so core may repeat any of them after a
 * crash. Implementations are thread-safe and keep secrets out of exceptions, logs and {@link #toString()}.
 */
@ConsumerType
public interface WarehouseConnector {

    /** The WMS id, lower case, stable: {@code qimen}. */
    String wmsId();

    /** This account's name (the WMS customer id), never blank. */
    default String account() {
        return "default";
    }

    /** The OrderTower warehouse ids this account runs; core sends each warehouse's orders to its account. */
    Set<String> warehouses();

    /**
     * Creates a delivery order.
     *
     * @return the WMS's id; {@link DeliveryAck#repeated()} when the code was already there
     * @throws PartnerException PERMANENT when the WMS refuses the order (unknown item, bad address), naming its code
     */
    DeliveryAck createDelivery(DeliveryOrder order);

    /** Cancels a delivery order that has not shipped. */
    CancelResult cancelDelivery(String code, String warehouse);

    /** Announces a return to a return centre. */
    DeliveryAck createReturn(ReturnOrder order);

    /** Announces goods expected in (a purchase or a transfer). */
    DeliveryAck createEntry(EntryOrder order);

    /**
     * The WMS's counts of these SKUs in one warehouse (all SKUs when {@code skus} is empty), paging as the WMS
     * requires.
     */
    List<WmsStock> stock(String warehouse, List<String> skus);

    /**
     * Checks a callback the WMS sent to core's route ({@code POST /api/v1/wms/{wmsId}/callback}) with this
     * account's secret, then parses it.
     *
     * @return the events, possibly none (a report core need not act on)
     * @throws PartnerException AUTH when the signature or the customer id does not match; PERMANENT when the body
     *     is malformed, naming the field
     */
    List<WmsEvent> verifyCallback(PushRequest request);

    /** The answer to a callback in the WMS's shape: success when {@code accepted}, else a failure with the message. */
    CallbackReply reply(boolean accepted, String message);
}
