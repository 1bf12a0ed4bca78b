package org.ordertower.sim.pdd;

import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/**
 * The Pinduoduo simulator as a service: {@code sim:start pdd}, the demo and integrators start {@link PddSimulator}.
 * No demo settings: PDD has no HTTP push (its messages come over the simulator's WebSocket, which the connector
 * connects to).
 */
@Component(service = Simulator.class)
public final class PddSimulatorComponent extends SimComponent {
    /** Pinduoduo's channel id, as the connector's. */
    static final String PLATFORM = "pdd";

    public PddSimulatorComponent() {
        super(PLATFORM, Kind.CHANNEL, "Pinduoduo (拼多多开放平台)", PddSimulator::start);
    }
}
