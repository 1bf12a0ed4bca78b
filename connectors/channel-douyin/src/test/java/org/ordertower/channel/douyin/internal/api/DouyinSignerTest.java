package org.ordertower.channel.douyin.internal.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.SignatureTrace;

/**
 * The platform publishes no worked example (only an online sign tool, op.jinritemai.com/docs/guide-docs/
 * gen-sign, that needs a login). The first test pins the official SDK's pattern (sdk_golang
 * utils/sign_util.go) on the example app key and secret of the doudian Python SDK's README, with the
 * expected digests computed independently (Python hmac/hashlib over the same text).
 */
class DouyinSignerTest {
    private static final String APP_KEY = "3409409348479354011";
    private static final String SECRET = "2ad2355c-01d0-11f8-91dc-05a8cd1054b1";
    private static final String PARAM_JSON = "{\"order_asc\":true,\"order_by\":\"update_time\",\"page\":0,\"size\":100,"
            + "\"update_time_end\":1700001800,\"update_time_start\":1700000000}";

    @Test
    void reproducesTheSdkPatternWithIndependentlyComputedDigests() {
        SignatureTrace t = DouyinSigner.trace("hmac-sha256", APP_KEY, SECRET, "order.searchList", PARAM_JSON, "1700000000");
        assertEquals(SECRET + "app_key" + APP_KEY + "methodorder.searchListparam_json" + PARAM_JSON
                + "timestamp1700000000v2" + SECRET, t.stringToSign());
        assertEquals("5fc0a94516b3573153b0041298e20e93ae6f9173e829d5105e50e6c3fce627e3", t.signature());
        assertEquals("698956a74d208fb25051e83508ce3f2f",
                DouyinSigner.sign("md5", APP_KEY, SECRET, "order.searchList", PARAM_JSON, "1700000000"));
    }

    @Test
    void paramJsonIsSortedRecursivelyCompactAndNotHtmlEscaped() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("z", 1);
        inner.put("a", "<&>");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("b", inner);
        params.put("a", List.of(Map.of("y", 2, "x", "杭州")));
        assertEquals("{\"a\":[{\"x\":\"杭州\",\"y\":2}],\"b\":{\"a\":\"<&>\",\"z\":1}}", DouyinParamJson.of(params));
        Map<String, Object> search = new LinkedHashMap<>();
        search.put("update_time_start", 1700000000L);
        search.put("update_time_end", 1700001800L);
        search.put("page", 0);
        search.put("size", 100);
        search.put("order_by", "update_time");
        search.put("order_asc", true);
        assertEquals(PARAM_JSON, DouyinParamJson.of(search));
    }

    @Test
    void emptyParamsAreAnEmptyObjectAndLineSeparatorsAreEscapedLikeGo() {
        assertEquals("{}", DouyinParamJson.of(Map.of()));
        assertEquals("{\"t\":\"a\\u2028b\"}", DouyinParamJson.of(Map.of("t", "a\u2028b")));
    }

    @Test
    void signatureIsLowerCaseHexAndDependsOnEveryPart() {
        String base = DouyinSigner.sign("hmac-sha256", APP_KEY, SECRET, "order.orderDetail", "{}", "1700000000");
        assertTrue(base.matches("[0-9a-f]{64}"), base);
        assertTrue(DouyinSigner.sign("md5", APP_KEY, SECRET, "order.orderDetail", "{}", "1700000000").matches("[0-9a-f]{32}"));
        assertTrue(!base.equals(DouyinSigner.sign("hmac-sha256", APP_KEY, SECRET, "order.orderDetail", "{}", "1700000001")));
        assertTrue(!base.equals(DouyinSigner.sign("hmac-sha256", APP_KEY, SECRET + "x", "order.orderDetail", "{}", "1700000000")));
        assertTrue(!base.equals(DouyinSigner.sign("hmac-sha256", APP_KEY, SECRET, "order.searchList", "{}", "1700000000")));
        assertEquals(base, DouyinSigner.sign("HMAC-SHA256", APP_KEY, SECRET, "order.orderDetail", "{}", "1700000000"));
    }

    @Test
    void refusesUnknownMethodsAndMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> DouyinSigner.sign("hmac", APP_KEY, SECRET, "m", "{}", "1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DouyinSigner.sign("md5", APP_KEY, SECRET, "m", "{}", ""));
        assertTrue(e.getMessage().contains("timestamp"));
    }
}
