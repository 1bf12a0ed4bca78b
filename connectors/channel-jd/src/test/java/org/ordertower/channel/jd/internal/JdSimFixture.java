package org.ordertower.channel.jd.internal;

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
import org.ordertower.sim.jd.JdSimulator;

/** A JD simulator on port 0 with its own app (so its own JVM-wide app bucket) and connectors against it. */
final class JdSimFixture implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();
    static final String SHOP = "jd-shop-9";

    final JdSimulator sim;
    final MemoryTokens tokens = new MemoryTokens();

    JdSimFixture(Map<String, String> settings) {
        int n = APPS.incrementAndGet();
        Map<String, String> s = new HashMap<>(Map.of("appKey", "jd-test-app-" + n, "appSecret", "jd-test-secret-" + n,
                "shop", SHOP, "ratePerSecond", "1000"));
        s.putAll(settings);
        sim = JdSimulator.start(new SimulatorOptions(0, 0, false, s));
    }

    JdSimFixture() {
        this(Map.of());
    }

    JdSettings settings() {
        return settings(Duration.ofSeconds(10));
    }

    /** Settings for this simulator with another HTTP timeout. */
    JdSettings settings(Duration timeout) {
        return new JdSettings(sim.gatewayUrl(), sim.oauthUrl(), sim.appKey(), sim.appSecret(), SHOP, sim.accessToken(),
                sim.refreshToken(), null, tokens, 1000, 1000, timeout, 50, Clock.systemUTC());
    }

    JdConnector connector() {
        return new JdConnector(settings());
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
