package org.ordertower.sim.kuaidi100;

import java.util.Map;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/**
 * The Kuaidi100 simulator as a service: {@code sim:start kuaidi100}, the demo and integrators start
 * {@link Kuaidi100Simulator}.
 */
@Component(service = Simulator.class)
public final class Kuaidi100SimulatorComponent extends SimComponent {
    /** The carrier id, as the connector's. */
    static final String PLATFORM = "kuaidi100";
    /**
     * Journeys take 30 to 50 simulated hours; at an hour a second a demo parcel is delivered within a minute or so
     * of leaving the warehouse.
     */
    static final String DEMO_TIME_SCALE = "3600";

    public Kuaidi100SimulatorComponent() {
        super(PLATFORM, Kind.CARRIER, "Kuaidi100 (快递100)", Kuaidi100Simulator::start);
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
