package org.ordertower.demo.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.core.internal.fulfilment.FulfilmentConfig;

class PartnerDemoComponentTest {
    @Test
    void simulatorsCallThisNodeBackAndTheWarehouseHoldsTheDemoCatalog() {
        Map<String, String> qimen = PartnerDemoComponent.simulatorSettings("qimen", 8190, List.of("CUP-WHITE", "SOAP-100"));
        assertEquals("http://127.0.0.1:8190/api/v1/wms/qimen/callback", qimen.get("callbackUrl"));
        assertEquals("HZ001", qimen.get("warehouses"));
        assertEquals("CUP-WHITE=1000000,SOAP-100=1000000", qimen.get("stock"));
        Map<String, String> kuaidi100 = PartnerDemoComponent.simulatorSettings("kuaidi100", 8190, List.of());
        assertEquals("http://127.0.0.1:8190/api/v1/carriers/kuaidi100/callback", kuaidi100.get("callbackUrl"));
        assertEquals("3600", kuaidi100.get("timeScale"));
        // every carrier the default region, cost and cold-chain tables can choose has a waybill subscription
        List<String> cps = List.of(PartnerDemoComponent.simulatorSettings("cainiao", 8190, List.of()).get("carriers").split(","));
        // the annotation's defaults, as DS gives them without a configuration file
        FulfilmentConfig defaults = (FulfilmentConfig) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { FulfilmentConfig.class }, (proxy, m, args) -> m.getDefaultValue());
        for (String cp : List.of(defaults.carrier_default(), defaults.carrier_cold_chain(), "SF", "ZTO", "YTO", "STO")) {
            assertTrue(cps.contains(cp), cp + " in " + cps);
        }
        assertEquals(Map.of(), PartnerDemoComponent.simulatorSettings("other", 8190, List.of()));
    }

    @Test
    void theQimenAccountRunsTheDemoWarehouseUnderTheSimulatorsCode() {
        Map<String, String> sim = Map.of("gatewayUrl", "http://127.0.0.1:4711/router/qimen/service", "appKey", "k",
                "appSecret", "s", "customerId", "c", "warehouses", "HZ001");
        Map<String, String> account = PartnerDemoComponent.accountConfiguration("qimen", sim);
        assertEquals("DEMO-HZ", account.get("warehouses"));
        assertEquals("DEMO-HZ=HZ001", account.get("warehouseCodes"));
        assertEquals("s", account.get("appSecret"));
        assertEquals("demo", PartnerDemoComponent.accountConfiguration("cainiao", Map.of("appKey", "k")).get("account"));
        assertEquals(Map.of("customer", "C"), PartnerDemoComponent.accountConfiguration("kuaidi100", Map.of("customer", "C")));
        assertEquals(Map.of(), PartnerDemoComponent.accountConfiguration("qimen", Map.of()));
    }

    @Test
    void fulfilmentIsPointedAtThisNode() {
        assertEquals(Map.of("waybill.service", "cainiao", "tracking.service", "kuaidi100", "callback.base.url",
                "http://127.0.0.1:18182"), PartnerDemoComponent.fulfilmentSettings(18182));
    }
}
