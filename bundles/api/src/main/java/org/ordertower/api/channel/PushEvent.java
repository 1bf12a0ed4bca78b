package org.ordertower.api.channel;

import java.time.Instant;
import java.util.Objects;

/**
 * One event a platform pushed: an order was created, paid, changed, cancelled, refunded... or one of the shop's
 * listings changed.
 *
 * @param messageId the platform's message id; core drops a message id it has already stored (pushes repeat)
 * @param topic the platform's topic or tag, verbatim
 * @param shop the shop the event belongs to
 * @param platformOrderId the order it concerns; for a {@link Kind#LISTING} event, the platform's item id
 * @param occurredAt when the platform says it happened, may be null
 * @param order the full order when the push carries it (then core maps it directly), else null and core
 *     fetches the order ({@link ChannelConnector#fetch}); out-of-order pushes are harmless because
 *     intake keeps the highest platform version
 * @param kind what the event concerns: an order, or a listing (core then downloads the shop's listings again)
 */
public record PushEvent(String messageId, String topic, String shop, String platformOrderId, Instant occurredAt,
        PlatformOrder order, Kind kind) {
    public PushEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(shop, "shop");
        Objects.requireNonNull(platformOrderId, "platformOrderId");
        kind = kind == null ? Kind.ORDER : kind;
    }

    /** An order event. */
    public PushEvent(String messageId, String topic, String shop, String platformOrderId, Instant occurredAt,
            PlatformOrder order) {
        this(messageId, topic, shop, platformOrderId, occurredAt, order, Kind.ORDER);
    }

    /** An event telling that one of the shop's listings (item {@code itemId}) was added, changed or removed. */
    public static PushEvent listingChanged(String messageId, String topic, String shop, String itemId, Instant occurredAt) {
        return new PushEvent(messageId, topic, shop, itemId, occurredAt, null, Kind.LISTING);
    }

    /** What a push concerns. */
    public enum Kind {
        /** An order: core stores the event and maps or fetches the order. */
        ORDER,
        /** A listing: core refreshes the shop's listings; the event is not an order. */
        LISTING
    }
}
