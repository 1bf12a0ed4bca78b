package org.ordertower.api.channel;

import java.util.List;
import java.util.Objects;

import org.ordertower.api.Address;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;

/**
 * What a platform's decrypt call needs to reveal the receiver of one order: the platform's order id and the
 * receiver exactly as stored (ciphertexts, masked or plain values, as the connector's mapper kept them), with the
 * order's tags, where a mapper keeps the platform's open address id (Taobao's OAID, for instance). The connector
 * picks what its platform wants from these; it needs no memory of the orders it saw. Immutable.
 *
 * @param platformOrderId the platform's order id, never blank (Douyin's auth_id, Taobao's tid)
 * @param buyer the buyer as stored, may be null
 * @param address the delivery address as stored, may be null
 * @param tags the order's tags, never null
 */
public record DecryptRequest(String platformOrderId, Buyer buyer, Address address, List<String> tags) {

    public DecryptRequest {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        if (platformOrderId.isBlank()) {
            throw new IllegalArgumentException("platformOrderId is blank");
        }
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** The request for a stored order's content. */
    public static DecryptRequest of(NormalizedOrder order) {
        return new DecryptRequest(order.platformOrderId(), order.buyer(), order.address(), order.tags());
    }

    /** Names the order only: ciphertexts are buyer data too and stay out of logs. */
    @Override
    public String toString() {
        return "DecryptRequest[platformOrderId=" + platformOrderId + "]";
    }
}
