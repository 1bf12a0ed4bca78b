package org.ordertower.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The core's order service: intake, lookup and lifecycle. Thread-safe. Every change is one database
 * transaction writing the order, its audit rows and an outbox event together.
 */
@ProviderType
public interface OrderService {

    /**
     * Stores one order version idempotently and returns only once it is durable. Blocks the caller
     * while its write is grouped with others (group commit).
     *
     * @param order the mapped order; validated first
     * @param raw the payload it came in, kept in the inbox
     * @param actor who delivered it (the channel, or a user for manual entry)
     * @throws InvalidOrderException when {@link NormalizedOrder#problems()} is not empty; nothing stored
     * @throws StoreUnavailableException when the database cannot take the write; nothing acknowledged
     */
    IntakeResult intake(NormalizedOrder order, RawPayload raw, Actor actor);

    /** The order with this id, if any, as stored: buyer data in clear. For front ends, see {@link #view}. */
    Optional<Order> find(long id);

    /**
     * The order with this id as {@code caller} may see it: buyer names, phones and addresses masked, or in clear when
     * {@code unmasked} is asked for by a caller with a role that sees buyer data ({@link Access#BUYER_DATA}). Every
     * front end (the shell, the REST interface, a console) asks this, so the same role gets the same answer.
     *
     * @throws AccessDeniedException when {@code unmasked} is asked for by a caller without such a role
     */
    default Optional<Order> view(long id, Caller caller, boolean unmasked) {
        if (unmasked) {
            Access.requireBuyerData(caller, "seeing the buyer data of order " + id + " in clear");
        }
        return find(id).map(o -> unmasked ? o : o.masked());
    }

    /** The order a platform knows under this id, if any. */
    Optional<Order> findByPlatformId(String channel, String shop, String platformOrderId);

    /** Orders matching the query, newest first. */
    Page<Order> search(OrderQuery query);

    /**
     * Orders matching the query as the caller may see them: buyer data masked unless {@code unmasked} is asked for by
     * a caller with a role that may see it ({@link Access#BUYER_DATA}); the same rule as {@link #view}.
     *
     * @throws AccessDeniedException when {@code unmasked} is asked for by a caller without such a role
     */
    default Page<Order> search(OrderQuery query, Caller caller, boolean unmasked) {
        if (unmasked) {
            Access.requireBuyerData(caller, "seeing the buyer data of orders in clear");
        }
        Page<Order> p = search(query);
        return unmasked ? p : new Page<>(p.items().stream().map(Order::masked).toList(), p.page(), p.size(), p.total());
    }

    /**
     * The audit trail of one order, oldest first.
     *
     * @throws OrderNotFoundException when there is no such order
     */
    List<AuditEntry> timeline(long orderId);

    /**
     * Moves an order to another lifecycle status.
     *
     * @return the order after the change
     * @throws IllegalTransitionException when the state machine refuses; the order is unchanged
     * @throws OrderNotFoundException when there is no such order
     */
    Order transition(long orderId, OrderStatus to, Actor actor, String reason);

    /**
     * A person's correction of an order waiting for review: a completed address and/or the master
     * SKU of lines the catalog could not map. One transaction with an audit row per change.
     *
     * @param address the corrected address, or null to keep it
     * @param lineSkus master SKU by line number, for lines to map by hand (may be empty)
     * @throws InvalidOrderException naming an unknown line or a blank SKU; nothing changes
     * @throws InvalidOrderException also when the order is not IN_REVIEW
     */
    Order amend(long orderId, Address address, java.util.Map<String, String> lineSkus, Actor actor, String reason);

    /**
     * Records on an order's audit trail something done with it that changes nothing in it (its receiver
     * decrypted for a label, for instance), in one durable transaction. The row takes no values, only the names
     * of the fields concerned, so no buyer data reaches the trail this way.
     *
     * @param action what was done, for example {@code decrypted}
     * @param field the field or fields concerned (comma-separated), or null for the whole order
     * @param reason why, may be null
     * @throws OrderNotFoundException when there is no such order
     * @throws StoreUnavailableException when the database cannot take the write; nothing recorded
     */
    void audit(long orderId, Actor actor, String action, String field, String reason);

    /** Channel ids accepted by intake right now (configured plus those of installed connectors). */
    java.util.Set<String> knownChannels();

    /**
     * Counts the orders per channel and status, the orders that needed a person (ever in review or frozen) and the
     * time from creation on the platform to SHIPPED (p50, p99, of the orders shipped in the last 24 hours). Callers
     * within half a second share one read, and the figures from the audit trail (needed a person, shipped, the times) may
     * be up to 15 seconds old: dashboards can ask every second.
     *
     * @throws StoreUnavailableException when the database cannot be read
     */
    OrderStats stats();

    /**
     * The order flow from {@code from} to {@code to} in buckets of {@code step}: orders received per channel and moves
     * into each status ({@link OrderFlow}).
     *
     * @throws IllegalArgumentException for a window {@link OrderFlow#check} refuses
     * @throws StoreUnavailableException when the database is not available
     */
    OrderFlow flow(java.time.Instant from, java.time.Instant to, java.time.Duration step);

    /**
     * Orders received from {@code from} to {@code to} by delivery region, and the {@code pairs} pairs of master SKUs
     * most often bought together ({@link OrderAnalytics}).
     *
     * @throws IllegalArgumentException for a window or a number of pairs {@link OrderAnalytics#check} refuses
     * @throws StoreUnavailableException when the database is not available
     */
    OrderAnalytics analytics(java.time.Instant from, java.time.Instant to, int pairs);
}
