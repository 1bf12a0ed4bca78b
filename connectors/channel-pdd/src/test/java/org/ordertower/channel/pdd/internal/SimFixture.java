package org.ordertower.channel.pdd.internal;

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
import org.ordertower.sim.pdd.PddSimulator;

/** A simulator on port 0 and connectors against it; each fixture uses its own client_id (its own app bucket). */
final class SimFixture implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();

    final PddSimulator sim;
    final MemoryTokens tokens = new MemoryTokens();

    SimFixture(Map<String, String> extra) {
        Map<String, String> s = new HashMap<>(Map.of("appKey", "pdd-test-" + APPS.incrementAndGet(), "appSecret",
                "test-secret-" + APPS.get(), "shop", "mall-7", "ratePerSecond", "1000",
                "heartbeatMillis", "300"));
        s.putAll(extra);
        sim = PddSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    SimFixture() {
        this(Map.of());
    }

    PddSettings settings() {
        return settings(Duration.ofSeconds(10));
    }

    /** Settings for this simulator with another HTTP timeout. */
    PddSettings settings(Duration timeout) {
        return new PddSettings(sim.gatewayUrl(), sim.clientId(), sim.clientSecret(), "mall-7", sim.accessToken(),
                sim.refreshToken(), null, tokens, 1000, 1000, timeout, 100, Clock.systemUTC());
    }

    PddConnector connector() {
        return new PddConnector(settings());
    }

    /** Message settings for this simulator: heartbeat 200 ms, idle 3 s, reconnect after 100 ms doubling to 1 s. */
    PddMessageSettings messageSettings() {
        return new PddMessageSettings(sim.messageUrl(), sim.mallId(), 10_000, Duration.ofMillis(200), Duration.ofSeconds(3),
                Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(5));
    }

    /** A connector that also takes pushes. */
    PddConnector pushConnector() {
        return new PddConnector(settings(), messageSettings());
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
