package org.ordertower.api.channel;

import java.util.Map;
import java.util.Objects;

/**
 * What came back of one refund's goods, and what the seller decides: the report a connector makes to the platform
 * once the return centre's warehouse received and inspected the goods. Immutable.
 *
 * @param platformOrderId the platform's order id
 * @param refundId the platform's refund or after-sale id, never blank
 * @param received units received per platform line (sub-order id) the refund covers; a line with no units back is
 *     present with 0
 * @param damaged units per platform line that came back damaged (counted in {@code received} too); lines without
 *     damage are absent
 * @param decision agree the refund, or refuse it
 * @param reason why, in words the buyer and the platform's staff can read; required when refusing, may be null when
 *     agreeing
 */
public record ReturnOutcome(String platformOrderId, String refundId, Map<String, Integer> received,
        Map<String, Integer> damaged, Decision decision, String reason) {

    public ReturnOutcome {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(decision, "decision");
        received = received == null ? Map.of() : Map.copyOf(received);
        damaged = damaged == null ? Map.of() : Map.copyOf(damaged);
        if (decision == Decision.REFUSE && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("refusing refund " + refundId + " needs a reason");
        }
    }

    /** The seller's answer to the refund once the goods were inspected. */
    public enum Decision {
        /** The goods came back as expected: confirm receipt and let the platform pay the buyer back. */
        AGREE,
        /** The goods are missing or do not match: refuse, with the reason. */
        REFUSE
    }
}
