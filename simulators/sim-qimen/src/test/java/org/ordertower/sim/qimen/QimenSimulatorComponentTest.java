package org.ordertower.sim.qimen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;

class QimenSimulatorComponentTest {
    private final QimenSimulatorComponent simulator = new QimenSimulatorComponent();
    private final DemoNode node = new DemoNode("http://127.0.0.1:8182", "WH-DEMO", List.of("SKU-1", "SKU-2"));

    /** A running simulator that only gives a configuration. */
    private static RunningSimulator giving(Map<String, String> configuration) {
        return new RunningSimulator() {
            @Override
            public String channelId() {
                return "qimen";
            }

            @Override
            public int port() {
                return 1;
            }

            @Override
            public String gatewayUrl() {
                return "http://127.0.0.1:1/router/qimen/service";
            }

            @Override
            public Map<String, Long> counters() {
                return Map.of();
            }

            @Override
            public Map<String, String> shopConfiguration() {
                return configuration;
            }

            @Override
            public void rate(double ordersPerMinute, boolean peak) {
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void isAWmsAndStartsTheSimulatorWithAConnectorConfiguration() {
        assertEquals("qimen", simulator.platformId());
        assertEquals(Simulator.Kind.WMS, simulator.kind());
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false,
                Map.of("warehouses", "HZ001,SH001")))) {
            assertEquals("qimen", sim.channelId());
            Map<String, String> c = sim.shopConfiguration();
            assertEquals(sim.gatewayUrl(), c.get("gatewayUrl"));
            assertEquals("HZ001,SH001", c.get("warehouses"));
            assertTrue(c.keySet().containsAll(Set.of("appKey", "appSecret", "customerId")));
            assertTrue(sim.gatewayUrl().endsWith("/router/qimen/service"));
        }
    }

    @Test
    void demoSettingsCallTheNodeBackFromOneStockedWarehouse() {
        assertEquals(Map.of("callbackUrl", "http://127.0.0.1:8182/api/v1/wms/qimen/callback", "warehouses", "HZ001",
                "stock", "SKU-1=1000000,SKU-2=1000000"), simulator.demoSettings(node));
    }

    @Test
    void demoConnectorConfigurationMapsTheNodesWarehouse() {
        Map<String, String> shop = Map.of("gatewayUrl", "http://127.0.0.1:1/router/qimen/service", "appKey", "k",
                "appSecret", "s", "customerId", "C", "ownerCode", "C", "warehouses", "HZ001", "signMethod", "md5");
        assertEquals(Map.of("gatewayUrl", "http://127.0.0.1:1/router/qimen/service", "appKey", "k", "appSecret", "s",
                "customerId", "C", "ownerCode", "C", "warehouses", "WH-DEMO", "signMethod", "md5", "warehouseCodes",
                "WH-DEMO=HZ001"), simulator.demoConnectorConfiguration(giving(shop), node));
        assertEquals(Map.of(), simulator.demoConnectorConfiguration(giving(Map.of()), node));
    }

    @Test
    void demoFulfilmentSettingsAreNone() {
        assertEquals(Map.of(), simulator.demoFulfilmentSettings(node));
    }
}
