package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;

class JdPlatformTest {
    private final JdPlatform platform = new JdPlatform();

    @Test
    void signingToolReproducesJdsExample() {
        Map<String, String> p = new HashMap<>(Map.of("method", "jingdong.pop.order.search", "access_token", "yourtoken",
                "app_key", "yourappkey", "timestamp", "2021-05-07 09:20:39.683+0800", "v", "2.0", "360buy_param_json",
                "{\"end_date\":null,\"optional_fields\":null,\"order_state\":\"WAIT_SELLER_STOCK_OUT\",\"page\":\"1\","
                        + "\"page_size\":\"200\",\"start_date\":null}"));
        SignatureTrace t = platform.sign("yourappSecret", p);
        assertEquals("md5", t.method());
        assertEquals("D70825340F4084360B9362B60DFD7930", t.signature());
        assertTrue(t.stringToSign().startsWith("yourappSecret360buy_param_json{"));
    }

    @Test
    void signingToolNamesWhatIsMissing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> platform.sign("s", Map.of("app_key", "k", "timestamp", "t", "v", "2.0")));
        assertTrue(e.getMessage().contains("method"));
        assertThrows(IllegalArgumentException.class, () -> platform.sign("", Map.of()));
    }

    @Test
    void badConfigurationNamesTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JdSettings.of("ftp://x", "https://open-oauth.jd.com", "k", "s", "shop", "t", null, null));
        assertTrue(e.getMessage().startsWith("gatewayUrl"));
        e = assertThrows(IllegalArgumentException.class, () -> JdSettings.of("https://api.jd.com/routerjson",
                "https://open-oauth.jd.com", "k", "s", "shop", "", "", null));
        assertTrue(e.getMessage().startsWith("accessToken"));
        e = assertThrows(IllegalArgumentException.class, () -> JdSettings.of("https://api.jd.com/routerjson",
                "https://open-oauth.jd.com", "k", "s", "shop", "t", null, null).withPageSize(100));
        assertTrue(e.getMessage().startsWith("pageSize"));
        String shown = JdSettings.of("https://api.jd.com/routerjson", "https://open-oauth.jd.com", "k", "s3cr3t", "shop",
                "tok3n", null, null).toString();
        assertTrue(!shown.contains("s3cr3t") && !shown.contains("tok3n"), shown);
    }
}
