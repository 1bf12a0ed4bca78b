package org.ordertower.sim.example;

import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/** The Example Mall simulator as a service: {@code sim:start example}, the demo and integrators start it. */
@Component(service = Simulator.class)
public final class ExampleSimulatorComponent extends SimComponent {
    /** The channel id, as the connector's. */
    static final String PLATFORM = "example";

    public ExampleSimulatorComponent() {
        super(PLATFORM, Kind.CHANNEL, "Example Mall", ExampleSimulator::start);
    }
}
