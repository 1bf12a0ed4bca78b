package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Map;

import org.ordertower.api.Actor;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.channel.SignatureTrace;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Core's fulfilment: routes reserved orders into parcels, gets their waybills, sends them to warehouse systems,
 * writes tracking back to the marketplaces with retries and watches the parcels. For the shell, the HTTP
 * callback routes and consoles.
 */
@ProviderType
public interface FulfilmentService {

    /** The parcels of an order, oldest first. */
    List<ParcelView> parcels(long orderId);

    /** Parcels flagged as not moving, oldest first. */
    List<ParcelView> stuck(int limit);

    /** Calls that failed for good, oldest first. */
    List<FailedCall> failed(int limit);

    /**
     * One page of the parcels flagged as not moving, by parcel id, the oldest first: those with an id above {@code after}
     * (from the oldest when null), at most {@code limit} (1 to 1000). The next page starts after the last one's id.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1 to 1000
     * @since 3.2
     */
    List<ParcelView> stuck(Long after, int limit);

    /**
     * One page of the calls that failed for good, by call id, the oldest first: those with an id above {@code after}
     * (from the oldest when null), at most {@code limit} (1 to 1000). The next page starts after the last one's id.
     *
     * @throws IllegalArgumentException when {@code limit} is outside 1 to 1000
     * @since 3.2
     */
    List<FailedCall> failed(Long after, int limit);

    /**
     * Calls made since {@code since} that failed for good, newest first, at most {@code limit}: what watches for a
     * partner that is down read, however many old failures wait in {@link #failed}.
     */
    List<FailedCall> failedSince(java.time.Instant since, int limit);

    /**
     * Replays one failed call now, with its attempts counted from zero.
     *
     * @throws IllegalArgumentException when there is no failed call with this id
     */
    void retry(long id, Actor actor);

    /** Replays every failed call (of one kind, or all when {@code kind} is null); returns how many. */
    int retryAll(String kind, Actor actor);

    /**
     * A warehouse system's callback: verified by the account's connector, applied durably, then answered in the
     * WMS's shape (a failure answer makes it send again).
     */
    CallbackReply wmsCallback(String wmsId, PushRequest request);

    /** A tracking service's push, the same way. */
    CallbackReply carrierCallback(String carrierId, PushRequest request);

    /**
     * Compares a warehouse's stock as its warehouse system counts it with OrderTower's counters, SKU by SKU, and
     * reports each difference. With {@code apply}, differences of sellable stock are corrected only through ledgered
     * adjustments ({@code InventoryService.adjust}); a SKU with parcels still on their way through the warehouse
     * system, or with stock movements not yet booked, is skipped, because the two counts cannot be compared then.
     *
     * @throws IllegalArgumentException when no installed warehouse system runs the warehouse
     * @throws PartnerException when the warehouse system cannot be asked now
     */
    StockReconciliation reconcileStock(String warehouse, boolean apply, Actor actor);

    /**
     * Per warehouse, the parcels routed to it from {@code from} to {@code to} and how they did, its transfers, and how
     * many days its stock lasts at that pace ({@link WarehouseHealth}); every warehouse of the inventory, and any other
     * that parcels left from.
     *
     * @throws IllegalArgumentException when {@code to} is not after {@code from} or the window is over 92 days
     * @throws org.ordertower.api.StoreUnavailableException when the database is not available
     */
    List<WarehouseHealth> warehouses(java.time.Instant from, java.time.Instant to);

    /** The installed warehouse systems and carriers ({@link PartnerPlatform}s), by id. */
    List<String> partners();

    /** Signs with a partner's signing method, showing the string that is signed. */
    SignatureTrace sign(String partnerId, String secret, Map<String, String> params);
}
