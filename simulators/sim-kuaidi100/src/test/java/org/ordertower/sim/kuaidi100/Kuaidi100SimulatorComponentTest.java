package org.ordertower.sim.kuaidi100;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;

class Kuaidi100SimulatorComponentTest {
    private final Kuaidi100SimulatorComponent simulator = new Kuaidi100SimulatorComponent();
    private final DemoNode node = new DemoNode("http://127.0.0.1:8182", "WH-DEMO", List.of("SKU-1"));

    @Test
    void isACarrierAndStartsTheSimulatorWithAConnectorConfiguration() {
        assertEquals("kuaidi100", simulator.platformId());
        assertEquals(Simulator.Kind.CARRIER, simulator.kind());
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false, Map.of("key", "K1")))) {
            assertEquals("kuaidi100", sim.channelId());
            Map<String, String> c = sim.shopConfiguration();
            assertEquals("K1", c.get("key"));
            assertEquals(sim.gatewayUrl(), c.get("pollUrl"));
            assertEquals(Map.of("pollUrl", 1, "customer", 1, "key", 1, "salt", 1).keySet(), c.keySet());
            // the demo's connector takes the simulator's configuration as it is
            assertEquals(c, simulator.demoConnectorConfiguration(sim, node));
        }
        assertThrows(IllegalArgumentException.class,
                () -> simulator.start(new SimulatorOptions(0, 0, false, Map.of("timeScale", "fast"))));
    }

    @Test
    void demoSettingsPushToTheNodeAnHourASecond() {
        assertEquals(Map.of("callbackUrl", "http://127.0.0.1:8182/api/v1/carriers/kuaidi100/callback", "timeScale",
                "3600"), simulator.demoSettings(node));
    }

    @Test
    void demoFulfilmentSettingsTrackWithKuaidi100() {
        assertEquals(Map.of("tracking.service", "kuaidi100"), simulator.demoFulfilmentSettings(node));
    }
}
