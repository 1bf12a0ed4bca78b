package org.ordertower.sim.qimen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Xml;
import org.w3c.dom.Element;

/** The simulator's gateway refuses what the router and a careful WMS refuse, in Qimen's shape. */
class QimenSimulatorTest {
    /** The router's timestamp: Beijing time. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.of("GMT+8"));
    private final QimenSimulator sim = QimenSimulator.start(new SimulatorOptions(0, 0, false,
            Map.of("appKey", "k", "appSecret", "s", "customerId", "C", "warehouses", "W1", "stock", "A=5/1,B=2",
                    "timeScale", "1")));
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sim.close();
    }

    private Map<String, String> query(String method, String body) {
        Map<String, String> q = new TreeMap<>(Map.of("method", method, "timestamp", TIME.format(Instant.now()),
                "format", "xml", "app_key", "k", "v", "2.0", "sign_method", "md5", "customerId", "C"));
        q.put("sign", md5Sign(q, body));
        return q;
    }

    /**
     * 奇门签名 with md5 and the secret {@code s}, written out here rather than taken from the simulator's signer that
     * it tests: UPPER(MD5(secret + sorted name+value of the non-empty parameters but sign + body + secret)).
     */
    private static String md5Sign(Map<String, String> query, String body) {
        StringBuilder text = new StringBuilder("s");
        new TreeMap<>(query).forEach((k, v) -> {
            if (!"sign".equals(k) && !v.isEmpty()) {
                text.append(k).append(v);
            }
        });
        return Digests.md5Hex(text.append(body).append("s").toString()).toUpperCase(Locale.ROOT);
    }

    private Element post(Map<String, String> query, String body, String contentType) throws Exception {
        String url = sim.gatewayUrl() + "?" + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), "Qimen answers failures with HTTP 200");
        return Xml.parse(r.body());
    }

    private Element call(String method, String body) throws Exception {
        return post(query(method, body), body, "text/xml;charset=utf-8");
    }

    private static void refused(Element answer, String code, String messagePart) {
        assertEquals("failure", Xml.text(answer, "flag"));
        assertEquals(code, Xml.text(answer, "code"));
        assertTrue(Xml.text(answer, "message").contains(messagePart), Xml.text(answer, "message"));
    }

    private static final String STOCK = "<request><warehouseCode>W1</warehouseCode><page>1</page><pageSize>10</pageSize>"
            + "</request>";

    @Test
    void answersAWellFormedCall() throws Exception {
        Element a = call("taobao.qimen.stock.query", STOCK);
        assertEquals("success", Xml.text(a, "flag"));
        assertEquals("3", Xml.text(a, "totalCount"), "A as ZP and CC, B as ZP");
    }

    @Test
    void refusesBrokenSystemParameters() throws Exception {
        Map<String, String> q = query("taobao.qimen.stock.query", STOCK);
        q.remove("customerId");
        refused(post(q, STOCK, "text/xml"), "missing-parameter", "customerId");
        Map<String, String> wrongApp = query("taobao.qimen.stock.query", STOCK);
        wrongApp.put("app_key", "other");
        refused(post(wrongApp, STOCK, "text/xml"), "invalid-appkey", "invalid appkey");
        Map<String, String> v1 = query("taobao.qimen.stock.query", STOCK);
        v1.put("v", "1.0");
        refused(post(v1, STOCK, "text/xml"), "invalid-parameter", "v must be 2.0");
        Map<String, String> badSign = query("taobao.qimen.stock.query", STOCK);
        refused(post(badSign, STOCK.replace("10", "11"), "text/xml"), "sign-check-failure", "Illegal request");
        refused(post(query("taobao.qimen.stock.query", STOCK), STOCK, "application/json"), "invalid-parameter",
                "Content-Type");
        refused(call("taobao.qimen.wavenum.report", STOCK), "invalid-method", "taobao.qimen.wavenum.report");
    }

    /**
     * The router checks only non-empty pairs (the Qimen SDK's SpiUtils.checkSign through signTopRequest): a call that
     * carries {@code partner_id=} verifies with the signature made without it; one signed over the empty pair does not.
     */
    @Test
    void anEmptyParameterIsNotSigned() throws Exception {
        Map<String, String> q = query("taobao.qimen.stock.query", STOCK);
        q.put("partner_id", "");
        assertEquals("success", Xml.text(post(q, STOCK, "text/xml"), "flag"));
        Map<String, String> unsigned = new TreeMap<>(q);
        unsigned.remove("sign");
        StringBuilder text = new StringBuilder("s");
        unsigned.forEach((k, v) -> text.append(k).append(v));
        q.put("sign", Digests.md5Hex(text.append(STOCK).append("s").toString()).toUpperCase(Locale.ROOT));
        refused(post(q, STOCK, "text/xml"), "sign-check-failure", "Illegal request");
        assertEquals(1L, sim.counters().get("badSignatures"));
    }

    @Test
    void refusesHostileOrBrokenBodies() throws Exception {
        refused(call("taobao.qimen.stock.query", "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">]><request><page>&x;</page></request>"), "invalid-body", "DOCTYPE");
        refused(call("taobao.qimen.stock.query", STOCK.substring(0, 30)), "invalid-body", "not well-formed");
        refused(call("taobao.qimen.stock.query", STOCK.replace("<pageSize>10", "<pageSize>101")), "invalid-parameter",
                "pageSize must be 1..100");
        refused(call("taobao.qimen.stock.query", STOCK.replace("<page>1", "<page>0")), "invalid-parameter", "page");
        refused(call("taobao.qimen.stock.query", STOCK.replace("<page>1</page>", "")), "missing-parameter", "page");
        refused(call("taobao.qimen.inventory.query", "<request><criteriaList><criteria><warehouseCode>W1</warehouseCode>"
                + "</criteria></criteriaList></request>"), "missing-parameter", "criteriaList.criteria[0].itemCode");
        refused(call("taobao.qimen.order.cancel", "<request><warehouseCode>W9</warehouseCode><orderCode>X</orderCode>"
                + "<orderType>JYCK</orderType></request>"), "invalid-parameter", "W9 is not a warehouse");
        String delivery = "<request><deliveryOrder><deliveryOrderCode>D1</deliveryOrderCode><orderType>JYCK</orderType>"
                + "<warehouseCode>W1</warehouseCode><createTime>2030-01-01 10:00:00</createTime>"
                + "<placeOrderTime>2030-01-01 10:00:00</placeOrderTime><operateTime>2030-01-01 10:00:00</operateTime>"
                + "<shopNick>s</shopNick><logisticsCode>SF</logisticsCode><senderInfo><name>n</name><mobile>1</mobile>"
                + "<province>p</province><city>c</city><detailAddress>d</detailAddress></senderInfo><receiverInfo>"
                + "<name>n</name><province>p</province><city>c</city><detailAddress>d</detailAddress></receiverInfo>"
                + "</deliveryOrder><orderLines><orderLine><ownerCode>C</ownerCode><itemCode>A</itemCode>"
                + "<planQty>1</planQty></orderLine></orderLines></request>";
        refused(call("taobao.qimen.deliveryorder.create", delivery), "missing-parameter",
                "deliveryOrder.receiverInfo.mobile is required");
        String fixed = delivery.replace("<name>n</name><province>", "<name>n</name><mobile>1</mobile><province>");
        refused(call("taobao.qimen.deliveryorder.create", fixed.replace("<planQty>1", "<planQty>0")),
                "invalid-parameter", "orderLines.orderLine[0].planQty must be 1..");
        refused(call("taobao.qimen.deliveryorder.create", fixed.replace("<ownerCode>C", "<ownerCode>Z")),
                "invalid-parameter", "Z is not an owner");
        assertEquals("success", Xml.text(call("taobao.qimen.deliveryorder.create", fixed), "flag"));
        assertFalse(sim.deliveries().isEmpty());
    }

    @Test
    void keepsReportsWithoutACallbackUrlAndFreezesWhilePaused() {
        sim.pause();
        sim.seedStock("W1", "A", 5, 0);
        assertEquals(new QimenSimulator.StockView(5, 0, 0), sim.stock("W1", "A"));
        assertTrue(sim.callbacks().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> sim.seedStock("W9", "A", 1, 0));
        assertEquals(Map.of("gatewayUrl", sim.gatewayUrl(), "appKey", "k", "appSecret", "s", "customerId", "C",
                "ownerCode", "C", "warehouses", "W1", "signMethod", "md5"), sim.shopConfiguration());
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        assertEquals("timeScale must be a number, was 'fast'", assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("timeScale", "fast"))).getMessage());
        assertEquals("partialRatio must be 0.0..1.0, was 2", assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("partialRatio", "2"))).getMessage());
        assertEquals("stock takes SKU=good[/defective] pairs, not 'A'", assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("stock", "A"))).getMessage());
        assertEquals("callbackMethodNames must be full or bare, was short", assertThrows(IllegalArgumentException.class,
                () -> start(Map.of("callbackMethodNames", "short"))).getMessage());
    }

    private static void start(Map<String, String> settings) {
        QimenSimulator.start(new SimulatorOptions(0, 0, false, settings)).close();
    }
}
