package org.ordertower.sim.kuaidi100;

import java.util.Map;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.osgi.service.component.annotations.Component;

/**
 * The Kuaidi100 simulator as a service: {@code sim:start kuaidi100}, the demo and integrators start
 * {@link Kuaidi100Simulator}.
 */
@Component(service = Simulator.class)
public final class Kuaidi100SimulatorComponent implements Simulator {
    /** The carrier id, as the connector's. */
    static final String PLATFORM = "kuaidi100";
    /**
     * Journeys take 30 to 50 simulated hours; at an hour a second a demo parcel is delivered within a minute or so
     * of leaving the warehouse.
     */
    static final String DEMO_TIME_SCALE = "3600";

    @Override
    public String platformId() {
        return PLATFORM;
    }

    @Override
    public Kind kind() {
        return Kind.CARRIER;
    }

    @Override
    public String displayName() {
        return "Kuaidi100 (快递100)";
    }

    @Override
    public RunningSimulator start(SimulatorOptions options) {
        return Kuaidi100Simulator.start(options);
    }

    /** Every push goes to the node's Kuaidi100 callback, on a clock fast enough to watch. */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        return Map.of("callbackUrl", node.carrierCallbackUrl(PLATFORM), "timeScale",
                DEMO_TIME_SCALE);
    }

    /** The node tracks its parcels with this service. */
    @Override
    public Map<String, String> demoFulfilmentSettings(DemoNode node) {
        return Map.of("tracking.service", PLATFORM);
    }
}
