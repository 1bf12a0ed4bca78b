package org.ordertower.api.inventory;

import org.ordertower.api.channel.ChannelException;

/**
 * Sets stock quantities on one platform. Channel connectors register one as an OSGi service; the
 * inventory tracks them dynamically and pushes to every channel that sells a changed SKU.
 *
 * <p>Calls come from the inventory's push thread, one at a time per channel. Quantities are
 * absolute, so a repeated call is harmless.
 */
public interface StockUpdater {
    /** The channel this updater pushes to. */
    String channelId();

    /**
     * Sets one listing's quantity on the platform.
     *
     * @throws ChannelException when the platform refuses or cannot be reached; the inventory retries
     *     TRANSIENT and RATE_LIMITED with back-off and records the others as failures
     */
    void updateStock(StockUpdate update);
}
