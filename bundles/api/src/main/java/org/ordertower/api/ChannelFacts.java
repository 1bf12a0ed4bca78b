package org.ordertower.api;

import java.time.Instant;
import java.util.List;

/**
 * What a channel reports about an order beyond its content: where the platform's own lifecycle
 * stands, what the shop promised, and where the buyer ordered from. Immutable; any part but
 * {@code state} may be null.
 *
 * @param state the platform's lifecycle, normalised; never null
 * @param promisedShipBy when the shop promised to ship (platform's latest ship time), may be null
 * @param deviceId the buyer's device fingerprint where the platform gives one, may be null
 * @param buyerIp the buyer's IP address where the platform gives one, may be null (masked in logs)
 * @param refunds the refunds and after-sales the platform reports on the order, oldest first; never null
 */
public record ChannelFacts(ChannelState state, Instant promisedShipBy, String deviceId, String buyerIp,
        List<Refund> refunds) {

    /** Nothing known beyond an open order. */
    public static final ChannelFacts NONE = new ChannelFacts(ChannelState.OPEN, null, null, null);

    public ChannelFacts {
        state = state == null ? ChannelState.OPEN : state;
        refunds = refunds == null ? List.of() : List.copyOf(refunds);
    }

    /** Facts without refunds. */
    public ChannelFacts(ChannelState state, Instant promisedShipBy, String deviceId, String buyerIp) {
        this(state, promisedShipBy, deviceId, buyerIp, List.of());
    }

    /** These facts with device id and IP masked for display (their first characters kept). */
    public ChannelFacts masked() {
        return new ChannelFacts(state, promisedShipBy, Masking.text(deviceId), Masking.text(buyerIp), refunds);
    }

    /** The same facts with other refunds. */
    public ChannelFacts withRefunds(List<Refund> newRefunds) {
        return new ChannelFacts(state, promisedShipBy, deviceId, buyerIp, newRefunds);
    }

    /** Where an order stands on the platform. */
    public enum ChannelState {
        /** Placed, paid or not, not shipped, not closed. */
        OPEN,
        /** Closed by the platform, the buyer or the seller before it shipped (unpaid timeout, full refund). */
        CANCELLED,
        /** Shipped in full on the platform (by this house or another). */
        SHIPPED,
        /** Received by the buyer or finished on the platform. */
        COMPLETED
    }
}
