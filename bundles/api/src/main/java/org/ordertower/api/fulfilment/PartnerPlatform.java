package org.ordertower.api.fulfilment;

import java.util.Map;

import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.channel.SimulatorOptions;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One warehouse system or carrier as a whole, registered once by its bundle whether or not an account is
 * configured: its signing tool and its simulator. The simulator's {@link RunningSimulator#channelId()} is the
 * partner id, and its {@link RunningSimulator#shopConfiguration()} holds the connector configuration keys that
 * talk to it.
 */
@ConsumerType
public interface PartnerPlatform {

    enum Kind {
        WMS, CARRIER
    }

    /** The partner id, as {@link WarehouseConnector#wmsId()} or {@link CarrierConnector#carrierId()}. */
    String partnerId();

    Kind kind();

    /** A human name for consoles. */
    default String displayName() {
        return partnerId();
    }

    /**
     * Signs as a client of the partner does, showing the string that is signed.
     *
     * @param params the parameters that take part (a {@code body} entry for partners that sign the body)
     * @throws IllegalArgumentException naming a missing or invalid parameter
     */
    SignatureTrace sign(String secret, Map<String, String> params);

    /**
     * Starts the partner's simulator. Settings are the simulator's own (each documents them); a
     * {@code callbackUrl} setting tells it where to send its callbacks, and {@code timeScale} how many
     * simulated seconds pass per real second.
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    RunningSimulator startSimulator(SimulatorOptions options);
}
