package org.ordertower.sim.qimen;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/**
 * The Qimen WMS simulator as a service: {@code sim:start qimen}, the demo and integrators start
 * {@link QimenSimulator}.
 */
@Component(service = Simulator.class)
public final class QimenSimulatorComponent extends SimComponent {
    /** The WMS id, as the connector's. */
    static final String PLATFORM = "qimen";
    /** The WMS's code for the demo warehouse: the demo account maps the node's warehouse to it. */
    static final String DEMO_WAREHOUSE_CODE = "HZ001";
    /** Stock put on the demo warehouse's shelves for every SKU the demo sells: enough never to run out. */
    static final int DEMO_STOCK = 1_000_000;

    public QimenSimulatorComponent() {
        super(PLATFORM, Kind.WMS, "Qimen WMS standard (奇门仓储标准 2.0)", QimenSimulator::start);
    }

    /** Reports go to the node's Qimen callback; one warehouse, stocked with every demo SKU. */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("callbackUrl", node.wmsCallbackUrl(PLATFORM));
        s.put("warehouses", DEMO_WAREHOUSE_CODE);
        s.put("stock", node.skus().stream().map(sku -> sku + "=" + DEMO_STOCK).collect(Collectors.joining(",")));
        return s;
    }

    /** The simulator's configuration, with the node's warehouse mapped to the simulator's warehouse codes. */
    @Override
    public Map<String, String> demoConnectorConfiguration(RunningSimulator running, DemoNode node) {
        Map<String, String> simulator = running.shopConfiguration();
        if (simulator.isEmpty()) {
            return Map.of();
        }
        Map<String, String> c = new LinkedHashMap<>(simulator);
        c.put("warehouses", node.warehouse());
        c.put("warehouseCodes", node.warehouse() + "=" + simulator.get("warehouses"));
        return c;
    }
}
