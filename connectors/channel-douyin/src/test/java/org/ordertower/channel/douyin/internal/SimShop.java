package org.ordertower.channel.douyin.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.douyin.DouyinSimulator;

/** A simulator on port 0 with its own app key (the app rate bucket is JVM-wide), and connectors for it. */
final class SimShop implements AutoCloseable {
    private static final AtomicLong APP = new AtomicLong(7_100_000_000_000_000_000L);

    final String appKey = String.valueOf(APP.incrementAndGet());
    final String secret = "secret-" + appKey;
    final DouyinSimulator sim;

    SimShop(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("appKey", appKey, "appSecret", secret, "shop", "4463798"));
        s.putAll(extra);
        sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    SimShop() {
        this(Map.of());
    }

    /** Settings with a fresh token pair from the simulator and generous rates. */
    DouyinSettings settings() {
        Map<String, String> t = sim.issueToken();
        return DouyinSettings.of(sim.gatewayUrl(), appKey, secret, "4463798").withTokens(t.get("access_token"),
                t.get("refresh_token"), null).withRates(500, 500);
    }

    DouyinConnector connector() {
        return new DouyinConnector(settings());
    }

    @Override
    public void close() {
        sim.close();
    }
}
