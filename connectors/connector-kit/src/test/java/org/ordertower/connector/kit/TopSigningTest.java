package org.ordertower.connector.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TopSigningTest {

    /** TOP's own worked example, "API调用方法详解" (open.taobao.com/doc.htm?docId=101617, 签名举例). */
    private static final Map<String, String> PUBLISHED = Map.of("method", "taobao.item.seller.get", "app_key", "12345678",
            "session", "test", "timestamp", "2016-01-01 12:00:00", "format", "json", "v", "2.0", "sign_method", "md5",
            "fields", "num_iid,title,nick,price,num", "num_iid", "11223344");

    @Test
    void reproducesTopsPublishedMd5Example() {
        TopSigning.Signed s = TopSigning.sign("helloworld", PUBLISHED);
        assertEquals("helloworldapp_key12345678fieldsnum_iid,title,nick,price,numformatjsonmethodtaobao.item.seller.get"
                + "num_iid11223344sessiontestsign_methodmd5timestamp2016-01-01 12:00:00v2.0helloworld", s.stringToSign());
        assertEquals("66987CB115214E59E6EC978214934FB8", s.signature());
        assertEquals("md5", s.method());
    }

    /** hmac = HMAC-MD5 keyed with the secret over the bare k+v string: RFC 2202 case 1 through a one-pair request. */
    @Test
    void hmacIsHmacMd5OverTheBareStringInUpperHex() {
        TopSigning.Signed s = TopSigning.sign("\u000b".repeat(16), Map.of("Hi", " There"), "hmac");
        assertEquals("Hi There", s.stringToSign());
        assertEquals("9294727A3638BB1C13F48EF8158BFC9D", s.signature());
    }

    /** hmac-sha256 likewise: RFC 4231 test case 1. */
    @Test
    void hmacSha256IsHmacSha256OverTheBareStringInUpperHex() {
        assertEquals("B0344C61D8DB38535CA8AFCEAF0BF12B881DC200C9833DA726E9376C2E32CFF7",
                TopSigning.sign("\u000b".repeat(20), Map.of("Hi", " There"), "hmac-sha256").signature());
    }

    @Test
    void signMethodParameterIsSignedToo() {
        assertEquals("Hi Theresign_methodhmac", TopSigning.canonical(Map.of("Hi", " There", "sign_method", "hmac")));
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
        assertEquals("Zetaupper case sorts firstbar2foo1foo_bar3foobar4name张三 & co=1", TopSigning.canonical(p));
    }

    @Test
    void signatureIsUpperCaseHexOf32Or64Characters() {
        Map<String, String> p = new HashMap<>(PUBLISHED);
        assertEquals(32, TopSigning.signature("s", p).length());
        p.put("sign_method", "hmac-sha256");
        String s = TopSigning.signature("s", p);
        assertEquals(64, s.length());
        assertEquals(s.toUpperCase(Locale.ROOT), s);
    }

    @Test
    void refusesAnUnknownSignMethodAndAMissingSecret() {
        Map<String, String> p = new HashMap<>(PUBLISHED);
        p.put("sign_method", "sha1");
        assertThrows(IllegalArgumentException.class, () -> TopSigning.sign("s", p));
        assertThrows(IllegalArgumentException.class, () -> TopSigning.sign("", PUBLISHED));
        assertFalse(TopSigning.known("sha1"));
        assertTrue(TopSigning.known("hmac-sha256"));
    }
}
