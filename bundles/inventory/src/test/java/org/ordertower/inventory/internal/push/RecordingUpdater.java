package org.ordertower.inventory.internal.push;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;

/** The test channel: records every push it accepts, and can fail the next N calls. */
public final class RecordingUpdater implements StockUpdater {
    private final String channel;
    public final List<StockUpdate> accepted = new CopyOnWriteArrayList<>();
    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger failNext = new AtomicInteger();
    public volatile ChannelException.Kind failKind = ChannelException.Kind.TRANSIENT;

    public RecordingUpdater(String channel) {
        this.channel = channel;
    }

    @Override
    public String channelId() {
        return channel;
    }

    @Override
    public void updateStock(StockUpdate update) {
        calls.incrementAndGet();
        if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new ChannelException(failKind, "simulated " + failKind + " failure");
        }
        accepted.add(update);
    }

    /** The last quantity accepted for a listing, or -1. */
    public int last(String shop, String channelSku) {
        for (int i = accepted.size() - 1; i >= 0; i--) {
            StockUpdate u = accepted.get(i);
            if (u.shop().equals(shop) && u.channelSku().equals(channelSku)) {
                return u.quantity();
            }
        }
        return -1;
    }
}
