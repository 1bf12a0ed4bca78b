package org.ordertower.sim.taobao;

import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/**
 * The Taobao/Tmall simulator as a service: {@code sim:start taobao}, the demo and integrators start
 * {@link TaobaoSimulator}. No demo settings: TOP delivers TMC messages by the connector's pull
 * ({@code taobao.tmc.messages.consume}), so the simulator pushes nowhere.
 */
@Component(service = Simulator.class)
public final class TaobaoSimulatorComponent extends SimComponent {
    /** Taobao's channel id, as the connector's. */
    static final String PLATFORM = "taobao";

    public TaobaoSimulatorComponent() {
        super(PLATFORM, Kind.CHANNEL, "Taobao/Tmall (TOP)", TaobaoSimulator::start);
    }
}
