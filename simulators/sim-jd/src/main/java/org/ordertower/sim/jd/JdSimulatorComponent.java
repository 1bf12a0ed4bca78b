package org.ordertower.sim.jd;

import java.util.Map;

import org.ordertower.api.sim.DemoNode;
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

    /** The node's channel push route; JD has no push side, so the simulator ignores it (as the demo always passed it). */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        return Map.of("pushUrl", node.baseUrl() + "/api/v1/channels/" + PLATFORM + "/push");
    }
}
