package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One event a platform pushed: an order was created, paid, changed, cancelled, refunded...
 *
 * @param messageId the platform's message id; core drops a message id it has already stored (pushes repeat)
 * @param topic the platform's topic or tag, verbatim
 * @param shop the shop the event belongs to
 * @param platformOrderId the order it concerns
 * @param occurredAt when the platform says it happened, may be null
 * @param order the full order when the push carries it (then core maps it directly), else null and core
 *     fetches the order ({@link ChannelConnector#fetch}); out-of-order pushes are harmless because
 *     intake keeps the highest platform version
 */
public record PushEvent(String messageId, String topic, String shop, String platformOrderId, Instant occurredAt,
        PlatformOrder order) {
    public PushEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(platformOrderId, "platformOrderId");
    }
}
