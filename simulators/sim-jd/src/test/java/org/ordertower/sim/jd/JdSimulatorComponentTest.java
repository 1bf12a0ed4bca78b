package org.ordertower.sim.jd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;

class JdSimulatorComponentTest {
    private final JdSimulatorComponent simulator = new JdSimulatorComponent();

    @Test
    void startsTheSimulator() {
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false, Map.of()))) {
            assertEquals(simulator.platformId(), sim.channelId());
            assertEquals("jd", sim.channelId());
            assertTrue(sim.gatewayUrl().endsWith("/routerjson"));
            assertTrue(sim.port() > 0);
        }
    }
}
