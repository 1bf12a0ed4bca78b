package org.ordertower.carrier.cainiao.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.Address;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.fulfilment.Contact;
import org.ordertower.api.fulfilment.ParcelLine;
import org.ordertower.api.fulfilment.WaybillRequest;
import org.ordertower.sim.cainiao.CainiaoSimulator;

/** A simulator on a free port and the settings that talk to it. */
final class SimFixture {
    static final Contact SENDER = new Contact("杭州仓", "13800000000",
            new Address("CN", "浙江省", "杭州市", "余杭区", "仓前街道", "文一西路969号", "311121"), null);
    static final Contact RECEIVER = new Contact("李四", "13912345678",
            new Address("CN", "广东省", "广州市", "天河区", "石牌街道", "天河路385号", "510620"), null);

    private SimFixture() {
    }

    static CainiaoSimulator start(String... settings) {
        Map<String, String> s = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            s.put(settings[i], settings[i + 1]);
        }
        return CainiaoSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    static CainiaoSettings settings(CainiaoSimulator sim) {
        return settings(sim.shopConfiguration(), Map.of());
    }

    /** The simulator's configuration with some keys replaced. */
    static CainiaoSettings settings(Map<String, String> config, Map<String, String> override) {
        Map<String, String> c = new HashMap<>(config);
        c.putAll(override);
        return new CainiaoSettings("test", c.get("gatewayUrl"), c.get("appKey"), c.get("appSecret"), c.get("session"),
                c.getOrDefault("signMethod", "hmac-sha256"), CainiaoSettings.carriers(c.get("carriers")), c.get("templateUrl"),
                Long.parseLong(c.get("userId")), Duration.ofSeconds(10), 1000, Clock.systemUTC());
    }

    static WaybillRequest parcel(String parcelId, String cp, String tid) {
        return new WaybillRequest(parcelId, cp, "taobao", tid, SENDER, RECEIVER,
                List.of(new ParcelLine("1", "CUP-WHITE", "陶瓷马克杯 白色 350ml", 2)), 800);
    }
}
