package org.ordertower.sim.cainiao;

import java.util.HashMap;
import java.util.Map;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.sim.kit.SimComponent;
import org.osgi.service.component.annotations.Component;

/** The Cainiao e-waybill simulator as a service: {@code sim:start cainiao}, the demo and integrators start {@link CainiaoSimulator}. */
@Component(service = Simulator.class)
public final class CainiaoSimulatorComponent extends SimComponent {
    /** Cainiao's partner id, as the connector's. */
    static final String PLATFORM = "cainiao";
    /** The demo account's name in the connector's configuration. */
    static final String DEMO_ACCOUNT = "demo";

    public CainiaoSimulatorComponent() {
        super(PLATFORM, Kind.CARRIER, "Cainiao e-waybill (菜鸟电子面单, via TOP)", CainiaoSimulator::start);
    }

    /** The carriers the demo ships with, each with a balance the demo never runs out of. */
    @Override
    public Map<String, String> demoSettings(DemoNode node) {
        return Map.of("carriers", "SF,ZTO,YTO,STO", "quota", "1000000");
    }

    /** The simulator's account keys, under the demo account's name. Holds secrets: never log it. */
    @Override
    public Map<String, String> demoConnectorConfiguration(RunningSimulator running, DemoNode node) {
        Map<String, String> c = new HashMap<>(running.shopConfiguration());
        c.put("account", DEMO_ACCOUNT);
        return Map.copyOf(c);
    }

    /** The demo node takes its waybills from this service. */
    @Override
    public Map<String, String> demoFulfilmentSettings(DemoNode node) {
        return Map.of("waybill.service", PLATFORM);
    }
}
