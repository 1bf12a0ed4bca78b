package org.ordertower.api.inventory;

/**
 * How much of a SKU's sellable stock one channel is offered. For channel c, with S the SKU's total
 * sellable: {@code base = S - buffer(c) - sum of keep(o) for every other channel o}; then
 * {@code share} percent of base (rounded down) if a share is set; then at most {@code cap} if a cap
 * is set; never below 0.
 *
 * @param sku the master SKU, or {@code *} for a channel's default
 * @param channel the channel id
 * @param sharePercent 1..100, or null for the whole base
 * @param cap most units offered, or null for no cap
 * @param keep units kept for this channel alone (other channels never see them), 0 for none
 * @param buffer units withheld from this channel, 0 for none
 */
public record ChannelAllocation(String sku, String channel, Integer sharePercent, Integer cap, int keep, int buffer) {
}
