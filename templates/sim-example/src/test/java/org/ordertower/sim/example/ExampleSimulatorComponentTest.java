package org.ordertower.sim.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;

class ExampleSimulatorComponentTest {
    private final ExampleSimulatorComponent simulator = new ExampleSimulatorComponent();

    @Test
    void startsTheSimulator() {
        assertEquals(Simulator.Kind.CHANNEL, simulator.kind());
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false, Map.of()))) {
            assertEquals(simulator.platformId(), sim.channelId());
            assertEquals("example", sim.channelId());
            assertTrue(sim.gatewayUrl().endsWith("/router"));
            assertTrue(sim.port() > 0);
            assertEquals(sim.gatewayUrl(), sim.shopConfiguration().get("gatewayUrl"));
        }
    }
}
