package org.ordertower.wms.qimen.internal;

import java.util.Map;
import java.util.TreeMap;

import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.wms.qimen.internal.api.QimenSigner;
import org.osgi.service.component.annotations.Component;

/** Qimen as a whole: the signing tool (its simulator is simulators/sim-qimen). */
@Component(service = PartnerPlatform.class, immediate = true)
public final class QimenPlatform implements PartnerPlatform {

    @Override
    public String partnerId() {
        return QimenConstants.WMS_ID;
    }

    @Override
    public Kind kind() {
        return Kind.WMS;
    }

    @Override
    public String displayName() {
        return "Qimen WMS standard (奇门仓储标准 2.0)";
    }

    /**
     * Signs the query parameters given (method, timestamp, format, app_key, v, sign_method, customerId...) and the
     * {@code body} entry (the XML, may be empty) as the router does (a parameter with an empty value is not signed);
     * {@code sign_method} picks md5 (default) or hmac.
     */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret (the app's secret) is required");
        }
        if (params == null) {
            throw new IllegalArgumentException("method is required");
        }
        for (String required : new String[] { QimenConstants.P_METHOD, QimenConstants.P_APP_KEY,
                QimenConstants.P_TIMESTAMP, QimenConstants.P_CUSTOMER_ID }) {
            if (params.get(required) == null || params.get(required).isBlank()) {
                throw new IllegalArgumentException(required + " is required");
            }
        }
        Map<String, String> query = new TreeMap<>();
        params.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException("parameter " + k + " has no value");
            }
            if (!"body".equals(k)) {
                query.put(k, v);
            }
        });
        String body = params.getOrDefault("body", "");
        String method = QimenSigner.method(query.get(QimenConstants.P_SIGN_METHOD));
        return new SignatureTrace(method, QimenSigner.stringToSign(secret, method, query, body),
                QimenSigner.sign(secret, method, query, body));
    }
}
