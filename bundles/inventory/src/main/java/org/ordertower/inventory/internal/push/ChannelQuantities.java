package org.ordertower.inventory.internal.push;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.inventory.ChannelAllocation;

/** Pure: a SKU's sellable stock split over the channels that sell it (see {@link ChannelAllocation}). */
final class ChannelQuantities {
    private ChannelQuantities() {
    }

    /**
     * @param sellable the SKU's total sellable units
     * @param channels the channels that sell it
     * @param rules the allocation of each channel for this SKU (its own rule, else the channel's
     *     {@code *} rule); a channel without one gets the whole sellable stock
     */
    static Map<String, Integer> split(int sellable, Collection<String> channels, Map<String, ChannelAllocation> rules) {
        Map<String, Integer> out = new TreeMap<>();
        long keptTotal = 0;
        for (String c : channels) {
            ChannelAllocation a = rules.get(c);
            keptTotal += a == null ? 0 : a.keep();
        }
        for (String c : channels) {
            ChannelAllocation a = rules.get(c);
            long base = sellable;
            if (a != null) {
                base = base - a.buffer() - (keptTotal - a.keep());
                if (a.sharePercent() != null) {
                    base = Math.max(0, base) * a.sharePercent() / 100;
                }
                if (a.cap() != null) {
                    base = Math.min(base, a.cap());
                }
            } else {
                base -= keptTotal;
            }
            out.put(c, (int) Math.max(0, base));
        }
        return out;
    }
}
