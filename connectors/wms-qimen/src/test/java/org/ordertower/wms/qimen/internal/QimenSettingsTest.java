package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QimenSettingsTest {

    /** A configuration as Config Admin would hand it over. */
    private static QimenConfig config(Map<String, Object> values) {
        return new QimenConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return QimenConfig.class;
            }

            private <T> T get(String key, T dflt) {
                @SuppressWarnings("unchecked")
                T v = (T) values.getOrDefault(key, dflt);
                return v;
            }

            @Override
            public String gatewayUrl() {
                return get("gatewayUrl", QimenConstants.GATEWAY);
            }

            @Override
            public String appKey() {
                return get("appKey", "app");
            }

            @Override
            public String appSecret() {
                return get("appSecret", "very-secret");
            }

            @Override
            public String customerId() {
                return get("customerId", "CUST");
            }

            @Override
            public String signMethod() {
                return get("signMethod", "md5");
            }

            @Override
            public String warehouses() {
                return get("warehouses", "WH-HZ, WH-SH");
            }

            @Override
            public String warehouseCodes() {
                return get("warehouseCodes", "WH-HZ=HZ001");
            }

            @Override
            public String ownerCode() {
                return get("ownerCode", "");
            }

            @Override
            public int timeoutMs() {
                return get("timeoutMs", 10000);
            }

            @Override
            public double ratePerSecond() {
                return get("ratePerSecond", 10.0);
            }

            @Override
            public int pageSize() {
                return get("pageSize", 100);
            }
        };
    }

    @Test
    void readsAConfiguration() {
        QimenSettings s = QimenSettings.from(config(Map.of()));
        assertEquals(Set.of("WH-HZ", "WH-SH"), s.warehouses());
        assertEquals("HZ001", s.codeOf("WH-HZ"));
        assertEquals("WH-SH", s.codeOf("WH-SH"), "identity by default");
        assertEquals("WH-HZ", s.warehouseOf("HZ001"));
        assertEquals("CUST", s.ownerCode(), "the owner defaults to the customer");
        assertEquals(List.of("WH-HZ", "WH-SH"), List.copyOf(new QimenConnector(s).warehouses()));
        assertEquals("CUST", new QimenConnector(s).account());
        assertFalse(new QimenConnector(s).toString().contains("very-secret"));
    }

    @Test
    void aBadValueFailsWithOneSentenceNamingTheKey() {
        assertEquals("appSecret must be set", message(Map.of("appSecret", " ")));
        assertEquals("customerId must be set", message(Map.of("customerId", "")));
        assertEquals("signMethod must be md5 or hmac, was 'sha256'", message(Map.of("signMethod", "sha256")));
        assertEquals("warehouses must name at least one OrderTower warehouse id", message(Map.of("warehouses", " , ")));
        assertEquals("warehouseCodes takes id=code pairs, not 'WH-HZ'", message(Map.of("warehouseCodes", "WH-HZ")));
        assertEquals("warehouseCodes names WH-BJ, which is not in warehouses",
                message(Map.of("warehouseCodes", "WH-BJ=BJ1")));
        assertEquals("warehouseCodes maps both WH-HZ and WH-SH to X",
                message(Map.of("warehouseCodes", "WH-HZ=X,WH-SH=X")));
        assertEquals("pageSize must be 1..100, was 101", message(Map.of("pageSize", 101)));
        assertEquals("timeoutMs must be positive, was 0", message(Map.of("timeoutMs", 0)));
        assertEquals("gatewayUrl must be an http(s) URL, was 'ftp://x'", message(Map.of("gatewayUrl", "ftp://x")));
    }

    private static String message(Map<String, Object> values) {
        return assertThrows(IllegalArgumentException.class, () -> QimenSettings.from(config(values))).getMessage();
    }
}
