package org.ordertower.carrier.kuaidi100.internal;

import java.util.Map;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.carrier.kuaidi100.internal.api.Kuaidi100Signer;
import org.osgi.service.component.annotations.Component;

/** Kuaidi100 as a whole: the signing tool (its simulator is simulators/sim-kuaidi100). */
@Component(service = PartnerPlatform.class, immediate = true)
public final class Kuaidi100Platform implements PartnerPlatform {

    @Override
    public String partnerId() {
        return Kuaidi100Constants.CARRIER;
    }

    @Override
    public Kind kind() {
        return Kind.CARRIER;
    }

    @Override
    public String displayName() {
        return "Kuaidi100 (快递100)";
    }

    /**
     * With a {@code customer} parameter: the real-time query's sign, {@code secret} being the key; without: a push's
     * sign, {@code secret} being the salt. {@code param} is the exact JSON text.
     */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret (the key for a query, the salt for a push) is required");
        }
        String param = params == null ? null : params.get("param");
        if (param == null || param.isEmpty()) {
            throw new IllegalArgumentException("param (the exact JSON text) is required");
        }
        String customer = params.get("customer");
        if (customer != null) {
            if (customer.isEmpty()) {
                throw new IllegalArgumentException("customer is empty");
            }
            return new SignatureTrace("md5", Kuaidi100Signer.queryStringToSign(param, secret, customer),
                    Kuaidi100Signer.querySign(param, secret, customer));
        }
        return new SignatureTrace("md5", Kuaidi100Signer.pushStringToSign(param, secret),
                Kuaidi100Signer.pushSign(param, secret));
    }
}
