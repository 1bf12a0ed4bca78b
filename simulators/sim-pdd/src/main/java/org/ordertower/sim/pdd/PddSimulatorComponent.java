package org.ordertower.sim.pdd;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.osgi.service.component.annotations.Component;

/** The Pinduoduo simulator as a service: {@code sim:start pdd}, the demo and integrators start {@link PddSimulator}. */
@Component(service = Simulator.class)
public final class PddSimulatorComponent implements Simulator {
    /** Pinduoduo's channel id, as the connector's. */
    static final String PLATFORM = "pdd";

    @Override
    public String platformId() {
        return PLATFORM;
    }

    @Override
    public Kind kind() {
        return Kind.CHANNEL;
    }

    @Override
    public String displayName() {
        return "Pinduoduo (拼多多开放平台)";
    }

    @Override
    public RunningSimulator start(SimulatorOptions options) {
        return PddSimulator.start(options);
    }

    /**
     * The node's channel push route, as the demo passes every channel's simulator; ignored, since PDD has no HTTP push
     * (its messages come over the simulator's WebSocket, which the connector connects to).
     */
}
