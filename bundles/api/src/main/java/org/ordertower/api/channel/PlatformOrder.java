package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One order as the platform sent it, before mapping: core keeps {@code payload} verbatim in its inbox.
 *
 * @param platformOrderId the platform's order id
 * @param modifiedAt when the platform last changed it, may be null when the platform does not say
 * @param payload the order's full payload (JSON as the platform sent it), passed to {@link ChannelConnector#map}
 */
public record PlatformOrder(String platformOrderId, Instant modifiedAt, String payload) {
    public PlatformOrder {
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        Objects.requireNonNull(payload, "payload");
    }
}
