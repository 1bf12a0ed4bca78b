package org.ordertower.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.DemoNode;
import org.ordertower.fulfilment.internal.FulfilmentConfig;
import org.ordertower.sim.cainiao.CainiaoSimulatorComponent;

class PartnerDemoComponentTest {
    @Test
    void fulfilmentIsPointedAtThePartnerAndThisNode() {
        assertEquals(Map.of("waybill.service", "cainiao", "callback.base.url", "http://127.0.0.1:18182"),
                PartnerDemoComponent.fulfilmentSettings(Map.of("waybill.service", "cainiao"), 18182));
        assertEquals(Map.of("callback.base.url", "http://127.0.0.1:8182"), PartnerDemoComponent.fulfilmentSettings(Map.of(), 8182));
    }

    @Test
    void theDemoWaybillServiceCoversEveryCarrierFulfilmentChoosesByDefault() {
        DemoNode node = DemoComponent.node(8190);
        assertEquals("http://127.0.0.1:8190", node.baseUrl());
        assertEquals(DemoComponent.WAREHOUSE, node.warehouse());
        assertEquals(DemoComponent.skuCodes(), node.skus());
        List<String> subscribed = List.of(new CainiaoSimulatorComponent().demoSettings(node).get("carriers").split(","));
        // the annotation's defaults, as DS gives them without a configuration file
        FulfilmentConfig defaults = (FulfilmentConfig) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { FulfilmentConfig.class }, (proxy, m, args) -> m.getDefaultValue());
        for (String carrier : List.of(defaults.carrier_default(), defaults.carrier_cold_chain(), "SF", "ZTO", "YTO", "STO")) {
            assertTrue(subscribed.contains(carrier), carrier + " in " + subscribed);
        }
    }
}
