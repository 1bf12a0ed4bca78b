package org.ordertower.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A summary of the orders for the people on duty: how many per channel and status, how many needed a person, how
 * long orders took from their creation on the platform to leaving the warehouse.
 *
 * @param at when it was counted
 * @param channels one row per channel, by channel id
 * @param total all channels together (channel {@code *})
 */
public record OrderStats(Instant at, List<ChannelStats> channels, ChannelStats total) {
    /** The created-to-shipped percentiles are over the orders that shipped within this window before {@code at}. */
    public static final java.time.Duration SHIPPED_WINDOW = java.time.Duration.ofHours(24);

    public OrderStats {
        channels = List.copyOf(channels);
    }

    /**
     * One channel's figures.
     *
     * @param channel the channel id, {@code *} for all
     * @param byStatus orders per current status (only statuses with orders)
     * @param orders all orders
     * @param neededPerson orders that were ever in review or frozen (a person had to look)
     * @param shipped orders that left a warehouse (reached SHIPPED at some time)
     * @param createdToShippedP50 the median time from creation on the platform to SHIPPED of the orders that shipped
     *     within {@link OrderStats#SHIPPED_WINDOW}, null when none did
     * @param createdToShippedP99 the 99th percentile of the same, null when none did
     */
    public record ChannelStats(String channel, Map<OrderStatus, Long> byStatus, long orders, long neededPerson, long shipped,
            Duration createdToShippedP50, Duration createdToShippedP99) {
        public ChannelStats {
            byStatus = Map.copyOf(byStatus);
        }

        /** The share of orders handled without a person, 0 to 1; 1 when there are no orders. */
        public double withoutPerson() {
            return orders == 0 ? 1.0 : (orders - neededPerson) / (double) orders;
        }

        /** The share of orders that went to a person (review or freeze), 0 to 1. */
        public double reviewShare() {
            return orders == 0 ? 0.0 : neededPerson / (double) orders;
        }
    }
}
