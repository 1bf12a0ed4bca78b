package org.ordertower.channel.example.internal;

import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.example.internal.api.ExampleSigner;
import org.osgi.service.component.annotations.Component;

/** Example Mall as a whole: the signing tool of {@code channel:sign} (the simulator is its own bundle). */
@Component(service = ChannelPlatform.class, immediate = true)
public final class ExamplePlatform implements ChannelPlatform {
    private static final List<String> REQUIRED = List.of("method", "app_key", "timestamp", "v");

    @Override
    public String channelId() {
        return ExampleConstants.CHANNEL;
    }

    @Override
    public String displayName() {
        return "Example Mall";
    }

    /**
     * Signs the parameters as an Example Mall client does (hmac-sha256 is the only method): method, app_key,
     * timestamp, v, and access_token and the business parameters when given; {@code sign} is never signed.
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
        return new SignatureTrace("hmac-sha256", ExampleSigner.stringToSign(params),
                ExampleSigner.sign(secret, params));
    }
}
