package org.ordertower.channel.taobao.internal;

import java.util.Map;

import org.ordertower.api.channel.ChannelPlatform;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.channel.taobao.internal.api.TaobaoSigner;
import org.osgi.service.component.annotations.Component;

/** Taobao/Tmall as a whole: the signing tool (its simulator is simulators/sim-taobao). */
@Component(service = ChannelPlatform.class, immediate = true)
public final class TaobaoPlatform implements ChannelPlatform {

    @Override
    public String channelId() {
        return TaobaoConstants.CHANNEL;
    }

    @Override
    public String displayName() {
        return "Taobao/Tmall (TOP)";
    }

    @Override
    public SignatureTrace sign(String secret, Map<String, String> params) {
        return TaobaoSigner.sign(secret, params);
    }
}
