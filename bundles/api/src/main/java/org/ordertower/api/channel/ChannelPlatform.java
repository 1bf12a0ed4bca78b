package org.ordertower.api.channel;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * One marketplace as a whole, registered once by its channel bundle (whether or not a shop is
 * configured): the signing tool for integrators. Its simulator is a separate bundle ({@link
 * org.ordertower.api.sim.Simulator}).
 */
@ConsumerType
public interface ChannelPlatform {

    /** The channel id, as {@link ChannelConnector#channelId()}. */
    String channelId();

    /** A human name for consoles. */
    default String displayName() {
        return channelId();
    }

    /**
     * Signs request parameters exactly as a client of the platform does, showing the string that is
     * signed, so an integrator can compare with the platform's own signing tool.
     *
     * @param secret the app secret
     * @param params every parameter that takes part in signing (system and business), by name;
     *     a {@code sign_method} parameter, where the platform has one, chooses the method
     * @throws IllegalArgumentException naming a missing or invalid parameter
     */
    SignatureTrace sign(String secret, Map<String, String> params);
}
