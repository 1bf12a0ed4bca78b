package org.ordertower.channel.taobao.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;

class TaobaoSignerTest {

    /** TOP's own worked example, "API调用方法详解" (open.taobao.com/doc.htm?docId=101617, 签名举例). */
    private static Map<String, String> publishedExample() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "taobao.item.seller.get");
        p.put("app_key", "12345678");
        p.put("session", "test");
        p.put("timestamp", "2016-01-01 12:00:00");
        p.put("format", "json");
        p.put("v", "2.0");
        p.put("sign_method", "md5");
        p.put("fields", "num_iid,title,nick,price,num");
        p.put("num_iid", "11223344");
        return p;
    }

    /** The kit's TopSigningTest pins the string to sign; here the channel's facade gives the published signature. */
    @Test
    void reproducesTopsPublishedMd5Example() {
        SignatureTrace t = TaobaoSigner.sign("helloworld", publishedExample());
        assertEquals("66987CB115214E59E6EC978214934FB8", t.signature());
        assertEquals(TaobaoSigner.canonical(publishedExample()), t.stringToSign().replace("helloworld", ""));
    }

    /** The older doc's example (taobao.user.seller.get, secret "test", xml), still quoted by TOP's mirrors. */
    @Test
    void reproducesTheOlderPublishedExample() {
        Map<String, String> p = new HashMap<>(Map.of("method", "taobao.user.seller.get", "timestamp", "2013-05-06 13:52:03",
                "format", "xml", "app_key", "test", "v", "2.0", "fields", "nick", "sign_method", "md5", "session", "test"));
        assertEquals("72CB4D809B375A54502C09360D879C64", TaobaoSigner.signature("test", p));
    }

    /** The algorithm's own cases (hmac, hmac-sha256, sorting, refusals) are pinned in the kit's TopSigningTest. */
    @Test
    void hmacSha256GoesThroughTheKit() {
        SignatureTrace t = TaobaoSigner.sign("\u000b".repeat(20), Map.of("Hi", " There"), "hmac-sha256");
        assertEquals("hmac-sha256", t.method());
        assertEquals("B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7", t.signature());
        assertThrows(IllegalArgumentException.class, () -> TaobaoSigner.sign("", publishedExample()));
    }
}
