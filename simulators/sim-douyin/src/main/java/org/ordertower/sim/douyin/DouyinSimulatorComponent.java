package org.ordertower.sim.douyin;

import java.util.Map;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/** The Douyin shop simulator as a service: {@code sim:start douyin}, the demo and integrators start {@link DouyinSimulator}. */
@Component(service = Simulator.class)
public final class DouyinSimulatorComponent extends SimComponent {
    /** Douyin's channel id, as the connector's. */
    static final String PLATFORM = "douyin";

    public DouyinSimulatorComponent() {
        super(PLATFORM, Kind.CHANNEL, "Douyin shop (抖店)", DouyinSimulator::start);
    }

    /** Message pushes go to the node's channel push route. */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        return Map.of("pushUrl", node.channelPushUrl(PLATFORM));
    }
}
