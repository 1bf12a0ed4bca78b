package org.ordertower.sim.pdd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;

class PddSimulatorComponentTest {
    private final PddSimulatorComponent simulator = new PddSimulatorComponent();

    @Test
    void startsItsSimulator() {
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false, Map.of()))) {
            assertEquals(simulator.platformId(), sim.channelId());
            assertEquals("pdd", sim.channelId());
            assertTrue(sim.port() > 0);
        }
    }
}
