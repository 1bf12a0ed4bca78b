package org.ordertower.sim.taobao;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.osgi.service.component.annotations.Component;

/** The Taobao/Tmall simulator as a service: {@code sim:start taobao}, the demo and integrators start {@link TaobaoSimulator}. */
@Component(service = Simulator.class)
public final class TaobaoSimulatorComponent implements Simulator {
    /** Taobao's channel id, as the connector's. */
    static final String PLATFORM = "taobao";

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
        return "Taobao/Tmall (TOP)";
    }

    @Override
    public RunningSimulator start(SimulatorOptions options) {
        return TaobaoSimulator.start(options);
    }

    /**
     * The node's channel push route, as the demo always passed it. TOP delivers TMC messages by the connector's pull
     * ({@code taobao.tmc.messages.consume}), so the simulator does not push there.
     */
}
