package org.ordertower.sim.douyin;

import java.util.Map;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.osgi.service.component.annotations.Component;

/** The Douyin shop simulator as a service: {@code sim:start douyin}, the demo and integrators start {@link DouyinSimulator}. */
@Component(service = Simulator.class)
public final class DouyinSimulatorComponent implements Simulator {
    /** Douyin's channel id, as the connector's. */
    static final String PLATFORM = "douyin";

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
        return "Douyin shop (抖店)";
    }

    @Override
    public RunningSimulator start(SimulatorOptions options) {
        return DouyinSimulator.start(options);
    }

    /** Message pushes go to the node's channel push route. */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        return Map.of("pushUrl", node.channelPushUrl(PLATFORM));
    }
}
