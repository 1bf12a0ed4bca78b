package org.ordertower.sim.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class SimTopSignerTest {

    @Test
    void theSimulatorsOwnSignerReproducesTopsPublishedExample() {
        Map<String, String> p = new HashMap<>(Map.of("method", "taobao.item.seller.get", "app_key", "12345678", "session", "test",
                "timestamp", "2016-01-01 12:00:00", "format", "json", "v", "2.0", "sign_method", "md5", "fields",
                "num_iid,title,nick,price,num", "num_iid", "11223344"));
        assertEquals("66987CB115214E59E6EC978214934FB8", SimTopSigner.expected("helloworld", p));
        p.put("sign", "anything");
        assertEquals("66987CB115214E59E6EC978214934FB8", SimTopSigner.expected("helloworld", p));
        p.put("sign_method", "rsa");
        assertNull(SimTopSigner.expected("helloworld", p));
    }
}
