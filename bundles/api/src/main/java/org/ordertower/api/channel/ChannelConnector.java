package org.ordertower.api.channel;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.inventory.StockUpdate;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One shop on one marketplace, registered as an OSGi service by its channel bundle: one instance per
 * shop configuration (a Config Admin factory configuration holding that shop's app key, secret and
 * tokens). Core tracks these services dynamically: a shop's config or its channel bundle arriving
 * makes the shop appear, and going makes it go, with no restart.
 *
 * <p>The connector speaks the platform's protocol and nothing else: core owns the timers, leases,
 * cursors, retries, the webhook HTTP route and the inbox. Every remote call may throw a
 * {@link ChannelException} whose kind tells core what to do; the connector's client is the one place
 * that turns HTTP statuses and platform error codes into kinds. Implementations are thread-safe and
 * obey the platform's rate limits themselves (per app and per shop), waiting briefly or throwing
 * {@link ChannelException.Kind#RATE_LIMITED} with a hint.
 *
 * <p>Secrets never leave the connector: not in exceptions, logs or {@link #toString()}.
 */
@ConsumerType
public interface ChannelConnector {

    /** The channel id, lower case, stable: {@code taobao}, {@code jd}, {@code douyin}, {@code pdd}... */
    String channelId();

    /**
     * The shop this instance serves, as the platform names it (seller nick, shop id), never blank. The
     * orders it delivers carry it in {@link NormalizedOrder#shop()}.
     */
    default String shop() {
        return "default";
    }

    /** A human name for consoles. */
    default String displayName() {
        return channelId();
    }

    /** What this connector can do; core schedules only these. */
    default Set<Capability> capabilities() {
        return Set.of();
    }

    /** The platform's rules for incremental pull: window length, overlap, how far behind its clock to stay. */
    default PullPolicy pullPolicy() {
        return PullPolicy.DEFAULT;
    }

    /**
     * The platform's clock (some platforms have a time call and advise keeping the pull window behind
     * it). The default is this machine's clock.
     */
    default Instant platformTime() {
        return Instant.now();
    }

    /**
     * One page of the orders the platform changed in {@code [from, to)}. Pure with respect to core: no
     * state is kept between calls beyond what {@code page} carries, so core can store the page token
     * and resume after a restart.
     *
     * @param from window start, inclusive; {@code to - from} never exceeds {@link PullPolicy#maxWindow()}
     * @param to window end, exclusive
     * @param page null for the window's first page, else the {@link PullPage#next()} of the previous page
     * @throws ChannelException PERMANENT when {@code page} is not a token this connector issued
     */
    default PullPage pull(Instant from, Instant to, String page) {
        throw unsupported(Capability.PULL);
    }

    /** One order in full, by the platform's id (after a push that carries only the id). */
    default PlatformOrder fetch(String platformOrderId) {
        throw unsupported(Capability.PULL);
    }

    /**
     * Checks a push the platform sent to core's webhook route with this shop's (app's) secret, then
     * parses it. Core answers the platform only after the events are stored.
     *
     * @return the events, possibly several per request; an empty list for a push core need not act on (a test ping)
     * @throws ChannelException AUTH when the signature does not verify or the timestamp is outside the
     *     replay window; PERMANENT when the body is malformed
     */
    default List<PushEvent> verifyPush(PushRequest request) {
        throw unsupported(Capability.WEBHOOK);
    }

    /**
     * Takes up to {@code max} messages queued for this app on the platform's message service (pull-style
     * delivery, for platforms whose push is a queue that must be confirmed).
     */
    default List<PushEvent> consumeMessages(int max) {
        throw unsupported(Capability.MESSAGES);
    }

    /** Confirms messages once their events are stored; unconfirmed messages are delivered again. */
    default void confirmMessages(List<String> messageIds) {
        throw unsupported(Capability.MESSAGES);
    }

    /**
     * Maps one platform order payload onto the model. Pure, no I/O; SKU codes are kept as the platform
     * sent them (the catalog maps them later).
     *
     * @param shop the shop, as {@link #shop()}
     * @throws ChannelException of kind {@link ChannelException.Kind#PERMANENT} when the payload cannot be
     *     mapped, naming the field
     */
    NormalizedOrder map(String shop, String payload);

    /**
     * Tells the platform a parcel left: the platform's ship (consign, outstock, logistics-add) call.
     *
     * @return {@link ShipResult#SHIPPED}, or {@link ShipResult#ALREADY_SHIPPED} when the platform says
     *     the order (or these lines) already carries tracking; both count as done
     */
    default ShipResult ship(Shipment shipment) {
        throw unsupported(Capability.SHIP);
    }

    /** Sets one listing's quantity with the platform's quantity call (absolute, so repeating is harmless). */
    default void updateStock(StockUpdate update) {
        throw unsupported(Capability.STOCK);
    }

    /**
     * Reveals the receiver of one order through the platform's decrypt call, for printing its label. Core calls
     * this only where a label must be printed, after checking the caller may, and records each call in the
     * order's audit trail; the connector logs no plaintext and keeps none.
     *
     * <p>The request carries everything the platform needs (the order id and what the mapper stored), so the
     * connector keeps no memory of the orders it saw. It sends the order's ciphertexts in as few calls as the
     * platform's per-call limit allows, and waits for its rate limit like any call. Each call may spend the
     * platform's decrypt quota, so core does not retry it on its own.
     *
     * @return the receiver in clear; a part the platform sent in clear (or a person corrected) is returned as stored
     * @throws ChannelException {@link ChannelException.Kind#RATE_LIMITED} with the platform's message when its
     *     decrypt quota is spent; PERMANENT when the request lacks what the platform needs (an open address id, a
     *     ciphertext) or the platform refuses this order's data, naming the field and the platform's code
     */
    default Receiver decrypt(DecryptRequest request) {
        throw unsupported(Capability.DECRYPT);
    }

    /**
     * Tells the platform what came back of a refund's goods and the seller's decision: the call a seller makes once
     * returned goods arrived (confirm receipt and agree the refund, or refuse it with a reason). Core calls this from
     * durable tasks that retry it, so it must be idempotent: when the platform says the refund is settled already
     * (agreed, refused or closed), the answer is {@link RefundResult#ALREADY_DONE}, not an error.
     *
     * @return DONE or ALREADY_DONE; both count as done
     * @throws ChannelException PERMANENT when the platform refuses the call as made (no such refund, a refund of
     *     another shop or order, a refund in a state that does not take this decision), naming the platform's code;
     *     TRANSIENT, RATE_LIMITED or AUTH as for any call
     */
    default RefundResult returnReceived(ReturnOutcome outcome) {
        throw unsupported(Capability.REFUND);
    }

    /**
     * The platform's list of logistics companies, read with the shop's credentials (Taobao
     * {@code taobao.logistics.companies.get}, Pinduoduo {@code pdd.logistics.companies.get}, ...). Core caches it and
     * translates OrderTower's carrier codes into {@link LogisticsCompany#shipCode()} before {@link #ship}.
     *
     * @throws ChannelException as for any call
     */
    default List<LogisticsCompany> logisticsCompanies() {
        throw unsupported(Capability.CARRIERS);
    }

    /**
     * One page of the shop's listings (items on sale and their SKUs) through the platform's item API. Pure with
     * respect to core, like {@link #pull}: the page token carries all state, so a download can resume.
     *
     * @param page null for the first page, else the {@link ListingPage#next()} of the previous page
     * @throws ChannelException PERMANENT when {@code page} is not a token this connector issued
     */
    default ListingPage listings(String page) {
        throw unsupported(Capability.LISTINGS);
    }

    /** The exception a connector throws for a capability it lacks. */
    default ChannelException unsupported(Capability capability) {
        return new ChannelException(ChannelException.Kind.PERMANENT,
                channelId() + " does not support " + capability.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** What a connector can do. */
    enum Capability {
        /** Incremental pull by modified time, and fetch by id. */
        PULL,
        /** Pushes to core's webhook route ({@link #verifyPush}). */
        WEBHOOK,
        /** A platform message queue consumed and confirmed ({@link #consumeMessages}). */
        MESSAGES,
        /** Tracking write-back ({@link #ship}). */
        SHIP,
        /** Stock quantity updates ({@link #updateStock}). */
        STOCK,
        /** Buyer data decryption ({@link #decrypt}). */
        DECRYPT,
        /** Reporting returned goods and the refund decision ({@link #returnReceived}). */
        REFUND,
        /** The platform's logistics company list ({@link #logisticsCompanies}). */
        CARRIERS,
        /** The shop's listings through the platform's item API ({@link #listings}). */
        LISTINGS
    }
}
