package org.ordertower.sim.jd;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.osgi.service.component.annotations.Component;

/** The JD simulator as a service: {@code sim:start jd}, the demo and integrators start {@link JdSimulator}. */
@Component(service = Simulator.class)
public final class JdSimulatorComponent implements Simulator {
    /** JD's channel id, as the connector's. */
    static final String PLATFORM = "jd";

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
        return "JD (京东开放平台 JOS)";
    }

    @Override
    public RunningSimulator start(SimulatorOptions options) {
        return JdSimulator.start(options);
    }
}
