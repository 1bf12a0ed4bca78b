package org.ordertower.channel.douyin.internal;

import java.util.Map;

import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.douyin.internal.api.DouyinSigner;
import org.osgi.service.component.annotations.Component;

/** The Douyin shop platform: the signing tool (the simulator is simulators/sim-douyin). */
@Component(service = ChannelPlatform.class, immediate = true)
public final class DouyinPlatform implements ChannelPlatform {

    @Override
    public String channelId() {
        return DouyinConstants.CHANNEL;
    }

    @Override
    public String displayName() {
        return "Douyin shop (抖店)";
    }

    /**
     * @param params {@code app_key}, {@code method}, {@code param_json}, {@code timestamp}, optionally
     *     {@code sign_method} ({@code hmac-sha256}, the default, or {@code md5})
     */
    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        return DouyinSigner.trace(params.get("sign_method"), params.get("app_key"), secret, params.get("method"),
                params.getOrDefault("param_json", "{}"), params.get("timestamp"));
    }
}
