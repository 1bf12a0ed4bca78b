package org.ordertower.carrier.cainiao.internal;

import java.util.Map;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.connector.kit.TopSigning;
import org.osgi.service.component.annotations.Component;

/** Cainiao's e-waybill as a whole: TOP's signing tool (its simulator is simulators/sim-cainiao). */
@Component(service = PartnerPlatform.class, immediate = true)
public final class CainiaoPlatform implements PartnerPlatform {

    @Override
    public String partnerId() {
        return CainiaoConstants.CARRIER;
    }

    @Override
    public Kind kind() {
        return Kind.CARRIER;
    }

    @Override
    public String displayName() {
        return "Cainiao e-waybill (菜鸟电子面单, via TOP)";
    }

    /** Signs as TOP does, with the {@code sign_method} in {@code params} (md5 when absent). */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        if (params == null || !params.containsKey("method")) {
            throw new IllegalArgumentException("method (the API name, e.g. cainiao.waybill.ii.get) is required");
        }
        if (!params.containsKey("app_key")) {
            throw new IllegalArgumentException("app_key is required");
        }
        if (!params.containsKey("timestamp")) {
            throw new IllegalArgumentException("timestamp (yyyy-MM-dd HH:mm:ss, GMT+8) is required");
        }
        TopSigning.Signed s = TopSigning.sign(secret, params);
        return new SignatureTrace(s.method(), s.stringToSign(), s.signature());
    }
}
