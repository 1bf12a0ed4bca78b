package org.ordertower.channel.pdd.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PddSignerTest {

    /**
     * The worked example of PDD's "API调用指南 / 签名算法" page
     * (https://open.pinduoduo.com/application/document/browse?idStr=8EC06C399636041E), byte for byte.
     */
    @Test
    void reproducesThePublishedExample() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("access_token", "asd78172s8ds9a921j9qqwda12312w1w21211");
        params.put("client_id", "1");
        params.put("data_type", "XML");
        params.put("type", "pdd.order.number.list.get");
        params.put("timestamp", "1480411125");
        params.put("order_status", "1");
        params.put("page", "1");
        params.put("page_size", "10");
        assertEquals("testSecretaccess_tokenasd78172s8ds9a921j9qqwda12312w1w21211client_id1data_typeXMLorder_status1"
                + "page1page_size10timestamp1480411125typepdd.order.number.list.gettestSecret",
                PddSigner.stringToSign("testSecret", params));
        assertEquals("E4DE3ED21002510DED352819E7AE6775", PddSigner.sign("testSecret", params));
    }

    @Test
    void signIsUpperCaseHexOf32Digits() {
        String sign = PddSigner.sign("s", Map.of("type", "pdd.time.get"));
        assertTrue(sign.matches("[0-9A-F]{32}"), sign);
    }

    @Test
    void sortsByAsciiNameNotByInsertionAndNotCaseInsensitively() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("b", "2");
        p.put("B", "3");
        p.put("a_b", "4");
        p.put("ab", "5");
        p.put("a", "1");
        // ASCII: 'B' (66) < 'a' (97); "a" < "a_b" ('_' 95) < "ab" ('b' 98) < "b"
        assertEquals("xB3a1a_b4ab5b2x", PddSigner.stringToSign("x", p));
    }

    @Test
    void signExcludesSignItselfAndSkipsNothingElse() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("type", "t");
        p.put("sign", "OLD");
        p.put("empty", "");
        assertEquals("semptytypets", PddSigner.stringToSign("s", p));
    }

    @Test
    void valuesAreSignedRawNotUrlEncodedAndAsUtf8() {
        Map<String, String> p = Map.of("data_list", "[{\"data_tag\":\"240318-422796379670125\",\"encrypted_data\":\"~a+b/=~\"}]",
                "note", "拼多多 空格");
        assertEquals("sdata_list[{\"data_tag\":\"240318-422796379670125\",\"encrypted_data\":\"~a+b/=~\"}]note拼多多 空格s",
                PddSigner.stringToSign("s", p));
        assertNotEquals(PddSigner.sign("s", p), PddSigner.sign("s", Map.of("data_list", "x", "note", "拼多多 空格")));
        // MD5 over UTF-8: the same text with the secret case changed signs differently
        assertNotEquals(PddSigner.sign("S", p), PddSigner.sign("s", p));
    }
}
