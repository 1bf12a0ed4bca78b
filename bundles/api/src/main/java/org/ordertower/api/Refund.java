package org.ordertower.api;

import java.util.List;
import java.util.Objects;

/**
 * A refund or after-sale request the platform reports on an order, as the channel's mapping found it. Immutable.
 * Core keeps it with the order so that the return flow can tell the platform what came back (see
 * {@code ChannelConnector#returnReceived}).
 *
 * @param refundId the platform's refund or after-sale id, never blank; unique within the channel
 * @param lineNos the platform lines (sub-orders) the refund covers; empty for the whole order
 * @param state where the refund stands, normalised; never null
 * @param platformStatus the platform's own status code, verbatim, may be null
 */
public record Refund(String refundId, List<String> lineNos, State state, String platformStatus) {

    public Refund {
        Objects.requireNonNull(refundId, "refundId");
        if (refundId.isBlank()) {
            throw new IllegalArgumentException("refundId must not be blank");
        }
        Objects.requireNonNull(state, "state");
        lineNos = lineNos == null ? List.of() : List.copyOf(lineNos);
    }

    /** True when this refund covers the platform line {@code lineNo} (a whole-order refund covers every line). */
    public boolean covers(String lineNo) {
        return lineNos.isEmpty() || lineNos.contains(lineNo);
    }

    /** Where a refund stands on the platform. */
    public enum State {
        /** The buyer asked; the seller has not answered. */
        REQUESTED,
        /** The seller agreed to a return; the buyer is to send the goods back. */
        AWAITING_RETURN,
        /** The buyer sent the goods back; the seller is to confirm they arrived (and refund, or refuse). */
        GOODS_RETURNED,
        /** The seller refused (the buyer may appeal on the platform). */
        REFUSED,
        /** The money went back to the buyer. */
        REFUNDED,
        /** Withdrawn by the buyer or closed by the platform, without a refund. */
        CLOSED;

        /** True while the seller still has to act or wait: not refused, refunded or closed. */
        public boolean open() {
            return this == REQUESTED || this == AWAITING_RETURN || this == GOODS_RETURNED;
        }
    }
}
