package org.ordertower.wms.qimen.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.wms.qimen.internal.QimenSettings;

class QimenSignerTest {
    /** The query of the 奇门签名 page's example (articleId=118404), in the order the page's URL has them. */
    private static Map<String, String> docQuery(String signMethod) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("method", "taobao.qimen.itemlack.report");
        q.put("timestamp", "2015-04-26 00:00:07");
        q.put("format", "xml");
        q.put("app_key", "testerp_appkey");
        q.put("v", "2.0");
        q.put("sign_method", signMethod);
        q.put("customerId", "stub-cust-code");
        return q;
    }

    private static final String BODY = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><deliveryOrderCode>DO-1"
            + "</deliveryOrderCode></request>";

    /** The canonical string is the page's, character for character (only its digest is not reproducible). */
    @Test
    void theCanonicalStringIsTheDocumentsOne() {
        assertEquals("testapp_keytesterp_appkeycustomerIdstub-cust-codeformatxmlmethodtaobao.qimen.itemlack.report"
                + "sign_methodmd5timestamp2015-04-26 00:00:07v2.0" + BODY + "test",
                QimenSigner.stringToSign("test", "md5", docQuery("md5"), BODY));
    }

    /**
     * Pinned independently:
     * {@code printf '%s' "testapp_keytesterp_appkeycustomerIdstub-cust-codeformatxmlmethodtaobao.qimen.itemlack.report
     * sign_methodmd5timestamp2015-04-26 00:00:07v2.0<?xml version="1.0" encoding="utf-8"?><request><deliveryOrderCode>
     * DO-1</deliveryOrderCode></request>test" | md5sum} (one line, no spaces added) gives
     * 4e41ceccc557884cc129f7126e055a1e.
     */
    @Test
    void md5MatchesTheShellsDigest() {
        assertEquals("4E41CECCC557884CC129F7126E055A1E", QimenSigner.sign("test", "md5", docQuery("md5"), BODY));
    }

    /** {@code printf '%s' "test<same query>test" | md5sum} = 349f96ab42f33be919d3612688085d48 (an empty body). */
    @Test
    void anEmptyBodySignsTheQueryAlone() {
        assertEquals("349F96AB42F33BE919D3612688085D48", QimenSigner.sign("test", "md5", docQuery("md5"), ""));
        // the page prints D06D88CB34B2EC0E5C9BAB396C9542B6 for its example: no body we can think of gives it
        assertNotEquals("D06D88CB34B2EC0E5C9BAB396C9542B6", QimenSigner.sign("test", "md5", docQuery("md5"), ""));
        assertNotEquals("D06D88CB34B2EC0E5C9BAB396C9542B6", QimenSigner.sign("test", "md5", docQuery("md5"), "body"));
    }

    /**
     * {@code printf '%s' "app_keytesterp_appkeycustomerIdstub-cust-codeformatxmlmethodtaobao.qimen.itemlack.report
     * sign_methodhmactimestamp2015-04-26 00:00:07v2.0<body above>" | openssl dgst -md5 -hmac test} =
     * 115dbff3cc44901eda5de1e5356ed62f: HMAC-MD5 keyed with the secret, no secret wrap.
     */
    @Test
    void hmacMatchesOpenssl() {
        assertEquals("115DBFF3CC44901EDA5DE1E5356ED62F", QimenSigner.sign("test", "hmac", docQuery("hmac"), BODY));
        assertEquals("app_keytesterp_appkey", QimenSigner.stringToSign("test", "hmac", docQuery("hmac"), BODY)
                .substring(0, 21), "no secret in front for hmac");
    }

    /** {@code printf '%s' "test<query>" "<request><name>张三</name></request>test" | md5sum} = 5f54128b...: UTF-8 bytes. */
    @Test
    void digestsTheUtf8BytesOfChineseText() {
        assertEquals("5F54128B8D10B2E98915543FE4717906",
                QimenSigner.sign("test", "md5", docQuery("md5"), "<request><name>张三</name></request>"));
    }

    @Test
    void signItselfIsLeftOutAndNamesSortByAscii() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("sign", "OLD");
        q.put("b", "2");
        q.put("B", "3");
        q.put("a_b", "4");
        q.put("ab", "5");
        assertEquals("B3a_b4ab5b2<x/>", QimenSigner.canonical(q, "<x/>"));
    }

    /**
     * A parameter with an empty (or null) value is not signed: the Qimen SDK's
     * {@code TaobaoUtils.signTopRequest(params, body, secret, signMethod)} appends a pair only when
     * {@code areNotEmpty(key, value)}, and its {@code SpiUtils.checkSign} verifies through that same method.
     */
    @Test
    void emptyAndNullValuesAreNotSigned() {
        Map<String, String> q = docQuery("md5");
        q.put("partner_id", "");
        q.put("session", null);
        assertEquals("testapp_keytesterp_appkeycustomerIdstub-cust-codeformatxmlmethodtaobao.qimen.itemlack.report"
                + "sign_methodmd5timestamp2015-04-26 00:00:07v2.0" + BODY + "test",
                QimenSigner.stringToSign("test", "md5", q, BODY));
        assertEquals("4E41CECCC557884CC129F7126E055A1E", QimenSigner.sign("test", "md5", q, BODY), "as without them");
        assertEquals("115DBFF3CC44901EDA5DE1E5356ED62F", QimenSigner.sign("test", "hmac", withHmac(q), BODY));
    }

    private static Map<String, String> withHmac(Map<String, String> q) {
        Map<String, String> h = new LinkedHashMap<>(q);
        h.put("sign_method", "hmac");
        return h;
    }

    /** And the client leaves an empty parameter out of the request, as the SDK's TaobaoHashMap.put does. */
    @Test
    void theClientSendsNoEmptyParameter() {
        QimenClient client = new QimenClient(QimenSettings.of("http://127.0.0.1:1/router/qimen/service", "app", "s",
                "CUST", Set.of("WH")));
        assertEquals(Set.of("method", "timestamp", "format", "app_key", "v", "sign_method", "customerId"),
                client.query("taobao.qimen.stock.query").keySet());
        assertFalse(client.query("").containsKey("method"), "an empty value is not sent at all");
    }

    @Test
    void aMissingSignMethodIsMd5AndAnUnknownOneIsRefused() {
        assertEquals("md5", QimenSigner.method(null));
        assertEquals("hmac", QimenSigner.method(" HMAC "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> QimenSigner.method("sha1"));
        assertEquals("sign_method must be md5 or hmac, was 'sha1'", e.getMessage());
    }
}
