package org.ordertower.carrier.kuaidi100.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.sim.kuaidi100.Kuaidi100SimulatorComponent;

class Kuaidi100PlatformTest {
    private final Kuaidi100Platform platform = new Kuaidi100Platform();

    @Test
    void signsQueriesAndPushesShowingTheText() {
        String param = "{\"com\":\"yuantong\",\"num\":\"YT7530122849021\",\"resultv2\":\"4\",\"show\":\"0\",\"order\":\"asc\"}";
        SignatureTrace q = platform.sign("kd-key", Map.of("param", param, "customer", "KD-CUSTOMER"));
        assertEquals("md5", q.method());
        assertEquals(param + "kd-keyKD-CUSTOMER", q.stringToSign());
        assertEquals("C66DD292C38C89A8147670A5CC4593F2", q.signature());
        String push = "{\"status\":\"polling\",\"lastResult\":{\"nu\":\"1234567890\"}}";
        assertEquals("3C415D1066ECC65ADDEF09CC709A5E9B", platform.sign("salt-1", Map.of("param", push)).signature());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> platform.sign("k", Map.of())).getMessage()
                .startsWith("param"));
        assertThrows(IllegalArgumentException.class, () -> platform.sign("", Map.of("param", push)));
    }

    @Test
    void isACarrierOfTheIdItsSimulatorHas() {
        assertEquals("kuaidi100", platform.partnerId());
        assertEquals(PartnerPlatform.Kind.CARRIER, platform.kind());
        assertEquals(platform.partnerId(), new Kuaidi100SimulatorComponent().platformId());
        assertEquals(platform.displayName(), new Kuaidi100SimulatorComponent().displayName());
    }
}
