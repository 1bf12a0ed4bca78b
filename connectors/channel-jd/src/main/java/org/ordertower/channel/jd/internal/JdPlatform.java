package org.ordertower.channel.jd.internal;

import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.jd.internal.api.JdSigner;
import org.osgi.service.component.annotations.Component;

/** JD as a whole: the signing tool (the simulator is simulators/sim-jd). */
@Component(service = ChannelPlatform.class, immediate = true)
public final class JdPlatform implements ChannelPlatform {
    private static final List<String> REQUIRED = List.of("method", "app_key", "timestamp", "v");

    @Override
    public String channelId() {
        return JdConstants.CHANNEL;
    }

    @Override
    public String displayName() {
        return "JD (京东开放平台 JOS)";
    }

    /**
     * Signs the parameters as a JOS client does (md5 is JOS's only method): method, app_key, timestamp, v, and
     * access_token and 360buy_param_json when given; {@code sign} is never signed.
     */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("secret (app_secret) is required");
        }
        if (params == null) {
            throw new IllegalArgumentException("params are required");
        }
        for (String name : REQUIRED) {
            if (params.get(name) == null || params.get(name).isBlank()) {
                throw new IllegalArgumentException(name + " is required");
            }
        }
        return new SignatureTrace("md5", JdSigner.stringToSign(secret, params), JdSigner.sign(secret, params));
    }
}
