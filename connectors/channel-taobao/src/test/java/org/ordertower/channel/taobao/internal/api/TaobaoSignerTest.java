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

    @Test
    void reproducesTopsPublishedMd5ExampleByteForByte() {
        SignatureTrace t = TaobaoSigner.sign("helloworld", publishedExample());
        assertEquals("helloworldapp_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
                + "num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0helloworld", t.stringToSign());
        assertEquals("66987CB115214E59E6EC978214934FB8", t.signature());
        assertEquals("md5", t.method());
    }

    /** The older doc's example (taobao.user.seller.get, secret "test", xml), still quoted by TOP's mirrors. */
    @Test
    void reproducesTheOlderPublishedExample() {
        Map<String, String> p = new HashMap<>(Map.of("method", "taobao.user.seller.get", "timestamp", "2013-05-06 13:52:03",
                "format", "xml", "app_key", "test", "v", "2.0", "fields", "nick", "sign_method", "md5", "session", "test"));
        assertEquals("72CB4D809B375A54502C09360D879C64", TaobaoSigner.signature("test", p));
    }

    /** hmac = HMAC-MD5 keyed with the secret over the bare k+v string: RFC 2202 case 1 through a one-pair request. */
    @Test
    void hmacIsHmacMd5OverTheBareStringInUpperHex() {
        SignatureTrace t = TaobaoSigner.sign("\u000b".repeat(16), Map.of("Hi", " There"), "hmac");
        assertEquals("Hi There", t.stringToSign());
        assertEquals("9294727A3638BB1C13F48EF8158BFC9D", t.signature());
    }

    /** hmac-sha256 likewise: RFC 4231 test case 1. */
    @Test
    void hmacSha256IsHmacSha256OverTheBareStringInUpperHex() {
        assertEquals("B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7",
                TaobaoSigner.sign("\u000b".repeat(20), Map.of("Hi", " There"), "hmac-sha256").signature());
    }

    /** The sign_method parameter itself takes part in the string, as every other parameter does. */
    @Test
    void signMethodParameterIsSignedToo() {
        assertEquals("Hi Theresign_methodhmac", TaobaoSigner.canonical(Map.of("Hi", " There", "sign_method", "hmac")));
    }

    @Test
    void sortsByAsciiNameSkipsSignAndEmptyValuesAndKeepsValuesUnencoded() {
        Map<String, String> p = new HashMap<>();
        p.put("foo", "1");
        p.put("bar", "2");
        p.put("foo_bar", "3");
        p.put("foobar", "4");
        p.put("Zeta", "upper case sorts first");
        p.put("sign", "IGNORED");
        p.put("empty", "");
        p.put("name", "张三 & co=1");
        assertEquals("Zetaupper case sorts firstbar2foo1foo_bar3foobar4name张三 & co=1", TaobaoSigner.canonical(p));
    }

    @Test
    void signatureIsUpperCaseHexOf32Or64Characters() {
        Map<String, String> p = new HashMap<>(publishedExample());
        assertEquals(32, TaobaoSigner.signature("s", p).length());
        p.put("sign_method", "hmac-sha256");
        String s = TaobaoSigner.signature("s", p);
        assertEquals(64, s.length());
        assertEquals(s.toUpperCase(java.util.Locale.ROOT), s);
    }

    @Test
    void refusesAnUnknownSignMethodAndAMissingSecret() {
        Map<String, String> p = new HashMap<>(publishedExample());
        p.put("sign_method", "sha1");
        assertThrows(IllegalArgumentException.class, () -> TaobaoSigner.sign("s", p));
        assertThrows(IllegalArgumentException.class, () -> TaobaoSigner.sign("", publishedExample()));
    }
}
