package org.ordertower.api.fulfilment;

import java.util.Map;

import org.ordertower.api.channel.SignatureTrace;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One warehouse system or carrier as a whole, registered once by its bundle whether or not an account is
 * configured: its signing tool. Its simulator is a separate bundle ({@link org.ordertower.api.sim.Simulator}).
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
}
