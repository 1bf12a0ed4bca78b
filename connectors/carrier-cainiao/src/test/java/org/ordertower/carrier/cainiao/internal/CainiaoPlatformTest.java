package org.ordertower.carrier.cainiao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.Simulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.TopSigning;
import org.ordertower.sim.cainiao.CainiaoSimulatorComponent;
import org.ordertower.sim.kit.SimTopSigner;

class CainiaoPlatformTest {
    private final CainiaoPlatform platform = new CainiaoPlatform();

    /** TOP's published example (docId=101617, secret helloworld) through the platform's signing tool. */
    @Test
    void signsTopsPublishedExample() {
        Map<String, String> p = new HashMap<>(Map.of("method", "taobao.item.seller.get", "app_key", "12345678", "session", "test",
                "timestamp", "2016-01-01 12:00:00", "format", "json", "v", "2.0", "sign_method", "md5", "fields",
                "num_iid,title,nick,price,num", "num_iid", "11223344"));
        SignatureTrace t = platform.sign("helloworld", p);
        assertEquals("66987CB115214E59E6EC978214934FB8", t.signature());
        assertEquals("md5", t.method());
    }

    /** The connector's signer and the simulator's own agree on a Cainiao request, for every sign method. */
    @Test
    void connectorAndSimulatorSignersAgreeOnAWaybillRequest() {
        for (String method : new String[] { "md5", "hmac", "hmac-sha256" }) {
            Map<String, String> p = new HashMap<>(Map.of("method", "cainiao.waybill.ii.get", "app_key", "12345678", "session",
                    "6100abc", "timestamp", "2024-05-04 00:23:23", "format", "json", "v", "2.0", "sign_method", method,
                    "param_waybill_cloud_print_apply_new_request", "{\"cp_code\":\"SF\",\"sender\":{\"name\":\"张三\"}}"));
            assertEquals(SimTopSigner.expected("s3cret", p), TopSigning.signature("s3cret", p), method);
        }
    }

    @Test
    void refusesWhatTopWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> platform.sign("s", Map.of("app_key", "k", "timestamp", "t")));
        assertThrows(IllegalArgumentException.class,
                () -> platform.sign("s", Map.of("method", "m", "app_key", "k", "timestamp", "t", "sign_method", "rsa")));
    }

    /** The simulator service of the same partner gives a configuration the connector accepts. */
    @Test
    void startsItsSimulatorWithTheConnectorsKeys() {
        assertEquals(PartnerPlatform.Kind.CARRIER, platform.kind());
        Simulator simulator = new CainiaoSimulatorComponent();
        assertEquals(platform.partnerId(), simulator.platformId());
        assertEquals(Simulator.Kind.CARRIER, simulator.kind());
        try (RunningSimulator sim = simulator.start(new SimulatorOptions(0, 0, false, Map.of("carriers", "SF,JD")))) {
            assertEquals("cainiao", sim.channelId());
            Map<String, String> c = sim.shopConfiguration();
            assertEquals(sim.gatewayUrl(), c.get("gatewayUrl"));
            assertEquals("SF,JD", c.get("carriers"));
            CainiaoSettings settings = SimFixture.settings(c, Map.of());
            assertEquals(2, new CainiaoConnector(settings).balances(null).size());
        }
    }
}
