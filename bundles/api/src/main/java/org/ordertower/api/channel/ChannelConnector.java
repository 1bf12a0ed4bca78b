package org.ordertower.api.channel;

import org.ordertower.api.NormalizedOrder;

/**
 * One marketplace, registered as an OSGi service by its channel bundle. Core tracks these services
 * dynamically: installing the bundle makes the channel appear, uninstalling makes it go.
 *
 * <p>This first version carries identity and mapping; pull, webhook, ship and stock calls are
 * added with the channel connectors.
 */
public interface ChannelConnector {

    /** The channel id, lower case, stable: {@code taobao}, {@code jd}, {@code douyin}, {@code pdd}... */
    String channelId();

    /** A human name for consoles. */
    default String displayName() {
        return channelId();
    }

    /**
     * Maps one platform order payload onto the model. Pure, no I/O.
     *
     * @throws ChannelException of kind {@link ChannelException.Kind#PERMANENT} when the payload cannot be mapped
     */
    NormalizedOrder map(String shop, String payload);
}
