package org.ordertower.api.sim;

import java.util.Map;

/** A simulator that was started; stop it when done. Thread-safe. */
public interface RunningSimulator extends AutoCloseable {

    /** The platform or partner it simulates, as {@link Simulator#platformId()}. */
    String channelId();

    /** The port it listens on. */
    int port();

    /** The gateway URL a connector should call, for example {@code http://127.0.0.1:8201/router/rest}. */
    String gatewayUrl();

    /** Counters for consoles: orders generated, calls served, calls refused, ship and stock calls recorded... */
    Map<String, Long> counters();

    /**
     * What a connector's configuration (a shop, or a partner account) needs to talk to this simulator, under the
     * connector's configuration keys: for a channel {@code shop}, {@code appKey}, {@code appSecret},
     * {@code accessToken}, {@code refreshToken}, {@code gatewayUrl} and, where the platform has a separate OAuth
     * host, {@code oauthUrl}. The demo configures a shop or account from it. Holds secrets: never log it.
     */
    default Map<String, String> shopConfiguration() {
        return Map.of();
    }

    /** Changes the order rate; {@code peak} multiplies it by 20. */
    void rate(double ordersPerMinute, boolean peak);

    /** Stops the server and its generator; idempotent. */
    @Override
    void close();
}
