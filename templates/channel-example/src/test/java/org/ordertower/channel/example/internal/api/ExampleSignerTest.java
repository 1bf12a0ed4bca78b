package org.ordertower.channel.example.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExampleSignerTest {

    /**
     * A fixed vector, computed apart from this code:
     * {@code printf '%s' '<string to sign>' | openssl dgst -sha256 -hmac secret-xyz}.
     */
    @Test
    void reproducesAFixedVector() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "order.search");
        p.put("app_key", "app-123");
        p.put("timestamp", "1700000000");
        p.put("v", "1");
        p.put("access_token", "at-123");
        p.put("updated_from", "1699999000000");
        p.put("updated_to", "1700000000000");
        p.put("page_size", "50");
        assertEquals("access_token=at-123&app_key=app-123&method=order.search&page_size=50&timestamp=1700000000"
                + "&updated_from=1699999000000&updated_to=1700000000000&v=1", ExampleSigner.stringToSign(p));
        assertEquals("dc035d949430a9ed33e42b165cd0c7a53d50ba99350a9435dd7b9068b05c384b",
                ExampleSigner.sign("secret-xyz", p));
    }

    @Test
    void signIsLowerCaseHexOf64Digits() {
        assertTrue(ExampleSigner.sign("k", Map.of("method", "m", "v", "1")).matches("[0-9a-f]{64}"));
    }

    @Test
    void signAndEmptyValuesTakeNoPart() {
        Map<String, String> with = new HashMap<>(Map.of("method", "m", "v", "1"));
        String plain = ExampleSigner.sign("S", with);
        with.put("sign", "abc");
        with.put("cursor", "");
        assertEquals(plain, ExampleSigner.sign("S", with));
    }

    @Test
    void valuesAreSignedAsUtf8TextNotUrlEncoded() {
        assertEquals("note=已联系 买家&v=1", ExampleSigner.stringToSign(Map.of("v", "1", "note", "已联系 买家")));
    }
}
