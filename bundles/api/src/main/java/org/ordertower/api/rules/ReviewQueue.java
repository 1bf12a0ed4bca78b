package org.ordertower.api.rules;

import java.util.List;
import java.util.Map;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Order;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The review queue: orders the pipeline or a rule sent to a person (IN_REVIEW) or froze (FROZEN).
 * Every decision is a lifecycle transition with its actor and reason in the audit trail. A reason
 * is required; an order claimed by one person cannot be decided by another. Refusals throw
 * {@link ReviewException} and change nothing.
 */
@ProviderType
public interface ReviewQueue {
    /** Orders waiting, oldest first, at most {@code limit} (1 to 1000). */
    List<ReviewItem> list(int limit);

    /**
     * Orders waiting as the caller may see them: buyer data masked unless {@code unmasked} is asked for by a caller
     * with a role that may see it ({@link org.ordertower.api.Access#BUYER_DATA}), the rule of
     * {@link org.ordertower.api.OrderService#view}.
     *
     * @throws org.ordertower.api.AccessDeniedException when {@code unmasked} is asked for by a caller without such a role
     */
    default List<ReviewItem> list(int limit, org.ordertower.api.Caller caller, boolean unmasked) {
        if (unmasked) {
            org.ordertower.api.Access.requireBuyerData(caller, "seeing the buyer data of orders in review in clear");
        }
        List<ReviewItem> items = list(limit);
        return unmasked ? items : items.stream().map(i -> new ReviewItem(i.order().masked(), i.reason(), i.since(),
                i.claimedBy(), i.claimedAt())).toList();
    }

    /**
     * One page of the orders waiting, by order id, the oldest order first: those after the order {@code afterOrderId}
     * (from the head of the queue when null), at most {@code limit} (1 to 1000), IN_REVIEW and FROZEN merged. The next
     * page starts after the last item's order id, and does not shift when orders join or leave the queue meanwhile
     * (unlike {@link #list(int)}, whose order is by {@link ReviewItem#since}).
     *
     * @since 2.5
     */
    List<ReviewItem> listAfter(Long afterOrderId, int limit);

    /**
     * {@link #listAfter(Long, int)} as the caller may see it, masked as {@link #list(int, org.ordertower.api.Caller,
     * boolean)} masks.
     *
     * @throws org.ordertower.api.AccessDeniedException when {@code unmasked} is asked for by a caller without such a role
     * @since 2.5
     */
    default List<ReviewItem> listAfter(Long afterOrderId, int limit, org.ordertower.api.Caller caller, boolean unmasked) {
        if (unmasked) {
            org.ordertower.api.Access.requireBuyerData(caller, "seeing the buyer data of orders in review in clear");
        }
        List<ReviewItem> items = listAfter(afterOrderId, limit);
        return unmasked ? items : items.stream().map(i -> new ReviewItem(i.order().masked(), i.reason(), i.since(),
                i.claimedBy(), i.claimedAt())).toList();
    }

    /** Marks the order as being worked on by {@code who}; again by the same person is harmless. */
    ReviewItem claim(long orderId, Actor who);

    /** IN_REVIEW to READY: the pipeline maps (again if needed) and reserves it. */
    Order approve(long orderId, Actor who, String reason);

    /**
     * Corrects an order in review (a completed address, the master SKU of lines the catalog could
     * not map), then approves it: both in the audit trail, with the reviewer and the reason.
     *
     * @param address the corrected address, or null to keep it
     * @param lineSkus master SKU by line number (may be empty)
     */
    Order editAndApprove(long orderId, Actor who, String reason, Address address, Map<String, String> lineSkus);

    /** IN_REVIEW or FROZEN to CANCELLED. */
    Order reject(long orderId, Actor who, String reason);

    /**
     * FROZEN to IN_REVIEW, by a supervisor only.
     *
     * @param supervisor whether {@code who} has the supervisor role (the caller authenticated them)
     */
    Order unfreeze(long orderId, Actor who, boolean supervisor, String reason);
}
