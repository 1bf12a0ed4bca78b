package org.ordertower.api.fulfilment;

import java.util.List;
import java.util.Set;

import org.ordertower.api.channel.PushRequest;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One account on a carrier or e-waybill/tracking service, registered as an OSGi service by its bundle: one
 * instance per Config Admin factory configuration ({@code org.ordertower.carrier.<id>}). Core tracks these
 * services dynamically and calls only what {@link #capabilities()} names.
 *
 * <p>As for {@link WarehouseConnector}: the connector speaks the service's protocol only, every remote call may
 * throw a {@link PartnerException}, calls are idempotent on OrderTower's ids, implementations are thread-safe and
 * keep secrets and buyers' data out of exceptions, logs and {@link #toString()}.
 */
@ConsumerType
public interface CarrierConnector {

    enum Capability {
        /** Issues e-waybills ({@link #applyWaybill}, {@link #cancelWaybill}). */
        WAYBILL,
        /** Takes tracking subscriptions and pushes events to core's callback route. */
        TRACKING_PUSH,
        /** Answers a parcel's tracking on request ({@link #track}). */
        TRACKING_QUERY
    }

    /** The service id, lower case, stable: {@code cainiao}, {@code kuaidi100}. */
    String carrierId();

    /** This account's name, never blank. */
    default String account() {
        return "default";
    }

    Set<Capability> capabilities();

    /** The carrier companies (standard codes) this account can issue waybills for or track; empty for any. */
    default Set<String> carriers() {
        return Set.of();
    }

    /**
     * Issues an e-waybill, or gives again the one issued for the same parcel.
     *
     * @throws PartnerException QUOTA when the account's waybill balance for this carrier is spent
     */
    default Waybill applyWaybill(WaybillRequest request) {
        throw unsupported(Capability.WAYBILL);
    }

    /** Gives back an unused waybill number (a cancelled parcel); cancelling twice is harmless. */
    default void cancelWaybill(String carrierCode, String waybillNo) {
        throw unsupported(Capability.WAYBILL);
    }

    /** Subscribes to a parcel's events; subscribing twice is harmless. */
    default void subscribe(TrackingSubscription subscription) {
        throw unsupported(Capability.TRACKING_PUSH);
    }

    /**
     * Checks a push the service sent to core's route ({@code POST /api/v1/carriers/{carrierId}/callback}), then
     * parses it.
     *
     * @return the events, oldest first (a push may repeat earlier ones: core drops what it has)
     * @throws PartnerException AUTH when the signature does not verify; PERMANENT when the body is malformed
     */
    default List<TrackingEvent> verifyCallback(PushRequest request) {
        throw unsupported(Capability.TRACKING_PUSH);
    }

    /** The answer to a push in the service's shape. */
    default CallbackReply reply(boolean accepted, String message) {
        throw unsupported(Capability.TRACKING_PUSH);
    }

    /** A parcel's events so far, oldest first. */
    default List<TrackingEvent> track(String carrierCode, String trackingNo, String receiverPhone) {
        throw unsupported(Capability.TRACKING_QUERY);
    }

    private PartnerException unsupported(Capability capability) {
        return new PartnerException(PartnerException.Kind.PERMANENT, carrierId() + " does not offer " + capability);
    }
}
