package org.ordertower.api.inventory;

/** Pushes sellable stock to one channel. Defined with the inventory work. */
public interface StockUpdater {
    /** The channel this updater pushes to. */
    String channelId();
}
