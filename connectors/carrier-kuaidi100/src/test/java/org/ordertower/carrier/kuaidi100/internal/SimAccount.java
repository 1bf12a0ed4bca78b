package org.ordertower.carrier.kuaidi100.internal;

import java.util.HashMap;
import java.util.Map;

import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kuaidi100.Kuaidi100Simulator;

/** A simulator on a free port and a connector configured from its {@code shopConfiguration()}. */
final class SimAccount implements AutoCloseable {
    final Kuaidi100Simulator sim;
    final Kuaidi100Settings settings;

    SimAccount(Map<String, String> simSettings) {
        Map<String, String> s = new HashMap<>(Map.of("pushRetryMillis", "100", "tickMillis", "20"));
        s.putAll(simSettings);
        sim = Kuaidi100Simulator.start(new SimulatorOptions(0, 0, false, s));
        Map<String, String> c = sim.shopConfiguration();
        settings = Kuaidi100Settings.of(c.get("pollUrl"), c.get("customer"), c.get("key"), c.get("salt"));
    }

    SimAccount() {
        this(Map.of());
    }

    Kuaidi100Connector connector() {
        return new Kuaidi100Connector(settings);
    }

    @Override
    public void close() {
        sim.close();
    }
}
