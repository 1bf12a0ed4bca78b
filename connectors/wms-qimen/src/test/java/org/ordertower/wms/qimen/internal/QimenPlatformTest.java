package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;
import org.ordertower.api.fulfilment.PartnerPlatform;
import org.ordertower.sim.qimen.QimenSimulatorComponent;

class QimenPlatformTest {
    private final QimenPlatform platform = new QimenPlatform();

    private static Map<String, String> params(String signMethod) {
        Map<String, String> p = new HashMap<>(Map.of("method", "taobao.qimen.itemlack.report", "timestamp",
                "2015-04-26 00:00:07", "format", "xml", "app_key", "testerp_appkey", "v", "2.0", "customerId",
                "stub-cust-code", "body", "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><deliveryOrderCode>DO-1"
                        + "</deliveryOrderCode></request>"));
        p.put("sign_method", signMethod);
        return p;
    }

    @Test
    void signsAsTheSignerWithTheStringShown() {
        SignatureTrace md5 = platform.sign("test", params("md5"));
        assertEquals("md5", md5.method());
        assertEquals("4E41CECCC557884CC129F7126E055A1E", md5.signature());
        assertTrue(md5.stringToSign().startsWith("testapp_keytesterp_appkeycustomerId"));
        assertTrue(md5.stringToSign().endsWith("</request>test"));
        SignatureTrace hmac = platform.sign("test", params("hmac"));
        assertEquals("hmac", hmac.method());
        assertEquals("115DBFF3CC44901EDA5DE1E5356ED62F", hmac.signature());
    }

    @Test
    void namesWhatIsMissing() {
        Map<String, String> p = params("md5");
        p.remove("customerId");
        assertEquals("customerId is required",
                assertThrows(IllegalArgumentException.class, () -> platform.sign("test", p)).getMessage());
        assertEquals("secret (the app's secret) is required",
                assertThrows(IllegalArgumentException.class, () -> platform.sign("", params("md5"))).getMessage());
        assertEquals("sign_method must be md5 or hmac, was 'rsa'",
                assertThrows(IllegalArgumentException.class, () -> platform.sign("t", params("rsa"))).getMessage());
    }

    @Test
    void isAWmsOfTheIdItsSimulatorHas() {
        assertEquals("qimen", platform.partnerId());
        assertEquals(PartnerPlatform.Kind.WMS, platform.kind());
        assertEquals(platform.partnerId(), new QimenSimulatorComponent().platformId());
        assertEquals(platform.displayName(), new QimenSimulatorComponent().displayName());
    }
}
