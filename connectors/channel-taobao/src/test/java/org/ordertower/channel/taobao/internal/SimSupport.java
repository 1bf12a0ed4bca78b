package org.ordertower.channel.taobao.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;

/** Starts a simulator on port 0 with its own app key (rate buckets are per app key in a JVM) and builds connectors. */
final class SimSupport implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();

    final TaobaoSimulator sim;
    final MemoryTokens tokens = new MemoryTokens();
    final String appKey;

    SimSupport(Map<String, String> settings) {
        appKey = "2100" + APPS.incrementAndGet() + "" + ProcessHandle.current().pid();
        Map<String, String> s = new HashMap<>(Map.of("appKey", appKey, "appSecret", "sim-secret", "shop", "tea-shop",
                "ratePerSecond", "1000"));
        s.putAll(settings);
        sim = TaobaoSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    SimSupport() {
        this(Map.of());
    }

    TaobaoSettings settings() {
        return TaobaoSettings.of(sim.gatewayUrl(), sim.oauthUrl(), appKey, "sim-secret", "tea-shop", sim.accessToken(),
                sim.refreshToken(), null, Clock.systemUTC()).withRates(500, 500);
    }

    TaobaoConnector connector() {
        return new TaobaoConnector(settings(), tokens);
    }

    TaobaoConnector connector(TaobaoSettings settings) {
        return new TaobaoConnector(settings, tokens);
    }

    long counter(String name) {
        return sim.counters().getOrDefault(name, 0L);
    }

    @Override
    public void close() {
        sim.close();
    }

    /** Core's token store, in memory. */
    static final class MemoryTokens implements TokenStore {
        final Map<String, AccessToken> saved = new ConcurrentHashMap<>();

        @Override
        public Optional<AccessToken> load(String channel, String shop) {
            return Optional.ofNullable(saved.get(channel + "/" + shop));
        }

        @Override
        public void save(String channel, String shop, AccessToken token) {
            saved.put(channel + "/" + shop, token);
        }
    }

    static Instant hourAgo(int hours) {
        return Instant.now().minusSeconds(3600L * hours).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    }
}
