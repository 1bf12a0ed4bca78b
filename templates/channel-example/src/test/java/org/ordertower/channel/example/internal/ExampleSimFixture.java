package org.ordertower.channel.example.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.ordertower.api.channel.AccessToken;
import org.ordertower.api.channel.TokenStore;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.example.ExampleSimulator;

/** A simulator on port 0 with its own app (so its own JVM-wide app bucket) and connectors against it. */
final class ExampleSimFixture implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();
    static final String SHOP = "example-shop-9";

    final ExampleSimulator sim;
    final MemoryTokens tokens = new MemoryTokens();

    ExampleSimFixture(Map<String, String> settings) {
        int n = APPS.incrementAndGet();
        Map<String, String> s = new HashMap<>(Map.of("appKey", "example-test-app-" + n, "appSecret",
                "example-test-secret-" + n, "shop", SHOP, "ratePerSecond", "1000"));
        s.putAll(settings);
        sim = ExampleSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    ExampleSimFixture() {
        this(Map.of());
    }

    ExampleSettings settings() {
        return new ExampleSettings(sim.gatewayUrl(), sim.appKey(), sim.appSecret(), SHOP, sim.accessToken(),
                sim.refreshToken(), null, tokens, 1000, 1000, Duration.ofSeconds(10), 50, Clock.systemUTC());
    }

    ExampleConnector connector() {
        return new ExampleConnector(settings());
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
}
