package org.ordertower.api;

import java.time.Instant;

/**
 * A stored order: the channel's content plus what OrderTower keeps about it. Immutable snapshot;
 * read it again to see later changes.
 *
 * @param id internal id, unique across all nodes sharing a database
 * @param status lifecycle status
 * @param riskLevel result of the latest screening
 * @param receivedAt when this node first stored the order
 * @param updatedAt when the stored order last changed
 * @param revision incremented on every change, starting at 1
 * @param content the order's content as the channel last sent it
 */
public record Order(long id, OrderStatus status, RiskLevel riskLevel, Instant receivedAt, Instant updatedAt,
        int revision, NormalizedOrder content) {

    /** This order with buyer and address masked, for viewers who need not see them. */
    public Order masked() {
        NormalizedOrder c = content;
        NormalizedOrder m = new NormalizedOrder(c.channel(), c.shop(), c.platformOrderId(), c.platformVersion(),
                c.platformStatus(), c.paymentStatus(), c.buyer() == null ? null : c.buyer().masked(),
                c.address() == null ? null : c.address().masked(), c.lines(), c.amounts(), c.createdAt(), c.paidAt(),
                c.platformChangedAt(), c.buyerNote(), c.sellerNote(), c.tags(), c.facts().masked());
        return new Order(id, status, riskLevel, receivedAt, updatedAt, revision, m);
    }
}
