package org.ordertower.channel.pdd.internal;

import java.util.Map;

import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.pdd.internal.api.PddSigner;
import org.osgi.service.component.annotations.Component;

/** Pinduoduo as a whole: the signing tool (the simulator is simulators/sim-pdd). */
@Component(service = ChannelPlatform.class, immediate = true)
public final class PddPlatform implements ChannelPlatform {

    @Override
    public String channelId() {
        return PddConstants.CHANNEL;
    }

    @Override
    public String displayName() {
        return "Pinduoduo (拼多多开放平台)";
    }

    /** Signs every parameter given (type, client_id, timestamp... and business ones) except {@code sign}. */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret (client_secret) is required");
        }
        if (params == null || !params.containsKey("type")) {
            throw new IllegalArgumentException("type (the API name) is required");
        }
        if (!params.containsKey("client_id")) {
            throw new IllegalArgumentException("client_id is required");
        }
        if (!params.containsKey("timestamp")) {
            throw new IllegalArgumentException("timestamp (UNIX seconds) is required");
        }
        params.forEach((k, v) -> {
            if (v == null) {
                throw new IllegalArgumentException("parameter " + k + " has no value");
            }
        });
        return new SignatureTrace("md5", PddSigner.stringToSign(secret, params), PddSigner.sign(secret, params));
    }
}
