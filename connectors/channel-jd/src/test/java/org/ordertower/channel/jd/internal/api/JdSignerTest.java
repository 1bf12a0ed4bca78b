package org.ordertower.channel.jd.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JdSignerTest {

    /**
     * JD's own worked example (open.jd.com dev-guide listId=2643, "签名算法"/"拼装HTTP请求"): app secret
     * yourappSecret, access_token yourtoken, app_key yourappkey, method jingdong.pop.order.search, timestamp
     * "2021-05-07 09:20:39.683+0800", v 2.0, and the 360buy_param_json text shown → D70825340F4084360B9362B60DFD7930.
     */
    @Test
    void reproducesJdPublishedExample() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("method", "jingdong.pop.order.search");
        p.put("access_token", "yourtoken");
        p.put("app_key", "yourappkey");
        p.put("timestamp", "2021-05-07 09:20:39.683+0800");
        p.put("v", "2.0");
        p.put("360buy_param_json", "{\"end_date\":null,\"optional_fields\":null,\"order_state\":\"WAIT_SELLER_STOCK_OUT\","
                + "\"page\":\"1\",\"page_size\":\"200\",\"start_date\":null}");
        assertEquals("yourappSecret360buy_param_json{\"end_date\":null,\"optional_fields\":null,"
                + "\"order_state\":\"WAIT_SELLER_STOCK_OUT\",\"page\":\"1\",\"page_size\":\"200\",\"start_date\":null}"
                + "access_tokenyourtokenapp_keyyourappkeymethodjingdong.pop.order.search"
                + "timestamp2021-05-07 09:20:39.683+0800v2.0yourappSecret", JdSigner.stringToSign("yourappSecret", p));
        assertEquals("D70825340F4084360B9362B60DFD7930", JdSigner.sign("yourappSecret", p));
    }

    @Test
    void signIsUpperCaseHexOf32Digits() {
        String s = JdSigner.sign("k", Map.of("method", "m", "v", "2.0"));
        assertTrue(s.matches("[0-9A-F]{32}"), s);
    }

    @Test
    void namesSortInAsciiOrderSoTheParamJsonComesFirst() {
        Map<String, String> p = new HashMap<>(Map.of("v", "2.0", "app_key", "a", "360buy_param_json", "{}", "method", "m"));
        assertEquals("S360buy_param_json{}app_keyamethodmv2.0S", JdSigner.stringToSign("S", p));
    }

    @Test
    void signAndEmptyValuesTakeNoPart() {
        Map<String, String> with = new HashMap<>(Map.of("method", "m", "v", "2.0"));
        String plain = JdSigner.sign("S", with);
        with.put("sign", "ABC");
        with.put("access_token", "");
        assertEquals(plain, JdSigner.sign("S", with));
    }

    @Test
    void valuesAreSignedAsUtf8TextNotUrlEncoded() {
        Map<String, String> p = Map.of("360buy_param_json", "{\"memo\":\"已联系 买家\"}");
        assertEquals("S360buy_param_json{\"memo\":\"已联系 买家\"}S", JdSigner.stringToSign("S", p));
        assertNotEquals(JdSigner.sign("S", p), JdSigner.sign("S", Map.of("360buy_param_json",
                "{\"memo\":\"%E5%B7%B2\"}")));
    }

    @Test
    void paramJsonKeysAreAlphabeticalAndNullsLeftOut() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("page_size", "50");
        b.put("dateType", 0);
        b.put("end_date", null);
        b.put("order_state", "LOCKED");
        assertEquals("{\"dateType\":0,\"order_state\":\"LOCKED\",\"page_size\":\"50\"}", JdWire.paramJson(b));
    }
}
