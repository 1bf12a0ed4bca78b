package org.ordertower.sim.jd;

import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/** The JD simulator as a service: {@code sim:start jd}, the demo and integrators start {@link JdSimulator}. */
@Component(service = Simulator.class)
public final class JdSimulatorComponent extends SimComponent {
    /** JD's channel id, as the connector's. */
    static final String PLATFORM = "jd";

    public JdSimulatorComponent() {
        super(PLATFORM, Kind.CHANNEL, "JD (京东开放平台 JOS)", JdSimulator::start);
    }
}
