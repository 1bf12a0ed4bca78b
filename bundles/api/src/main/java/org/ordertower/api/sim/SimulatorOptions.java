package org.ordertower.api.sim;

import java.util.Map;

/**
 * How to start a platform simulator.
 *
 * @param port the port to listen on, 0 for any free port
 * @param ordersPerMinute orders generated per minute (0: only on demand)
 * @param peak true for peak mode: 20 times the rate
 * @param settings platform-specific settings (app key and secret the simulator accepts, shops, token
 *     lifetime...), each simulator documents its own; absent keys take the simulator's defaults
 */
public record SimulatorOptions(int port, double ordersPerMinute, boolean peak, Map<String, String> settings) {
    public SimulatorOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, was " + port);
        }
        if (ordersPerMinute < 0 || Double.isNaN(ordersPerMinute)) {
            throw new IllegalArgumentException("ordersPerMinute must be at least 0, was " + ordersPerMinute);
        }
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }
}
