package org.ordertower.wms.qimen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.fulfilment.PartnerException;
import org.ordertower.api.fulfilment.WmsEvent;
import org.ordertower.connector.kit.Digests;
import org.ordertower.connector.kit.Xml;
import org.ordertower.wms.qimen.internal.api.QimenSigner;
import org.w3c.dom.Element;

/** Callbacks built by hand: well-formed ones parse, hostile ones are refused with a reason, nothing half-parsed. */
class QimenCallbackVerifyTest {
    private static final String SECRET = "erp-secret";
    private final QimenSettings settings = new QimenSettings("http://127.0.0.1:1/router/qimen/service", "erp-app", SECRET,
            "CUST-1", "md5", Set.of("WH-HZ"), Map.of("WH-HZ", "HZ001"), "OWNER", Duration.ofSeconds(5), 10, 100,
            Clock.systemUTC());
    private final QimenConnector connector = new QimenConnector(settings);

    private static final String CONFIRM = "<?xml version=\"1.0\" encoding=\"utf-8\"?><request><deliveryOrder>"
            + "<deliveryOrderCode>DO-1</deliveryOrderCode><deliveryOrderId>QM1</deliveryOrderId>"
            + "<warehouseCode>HZ001</warehouseCode><orderType>JYCK</orderType><status>DELIVERED</status>"
            + "<confirmType>0</confirmType><orderConfirmTime>2030-01-02 10:00:00</orderConfirmTime></deliveryOrder>"
            + "<packages><package><logisticsCode>SF</logisticsCode><expressCode>SF100</expressCode><weight>1.25</weight>"
            + "<items><item><itemCode>SKU-1</itemCode><quantity>2</quantity></item></items></package></packages>"
            + "</request>";

    static Map<String, String> query(String method, String body, String secret, String customerId, Instant at) {
        Map<String, String> q = new TreeMap<>();
        q.put("method", method);
        q.put("timestamp", QimenConstants.TIME.format(at));
        q.put("format", "xml");
        q.put("app_key", "erp-app");
        q.put("v", "2.0");
        q.put("sign_method", "md5");
        q.put("customerId", customerId);
        q.put("sign", QimenSigner.sign(secret, "md5", q, body));
        return q;
    }

    private List<WmsEvent> verify(String method, String body) {
        return connector.verifyCallback(new PushRequest(Map.of("content-type", "text/xml"),
                query(method, body, SECRET, "CUST-1", Instant.now()), body, Instant.now()));
    }

    private PartnerException refused(String method, String body) {
        return assertThrows(PartnerException.class, () -> verify(method, body));
    }

    @Test
    void aConfirmParsesIntoAShippedEvent() {
        List<WmsEvent> events = verify(QimenConstants.DELIVERY_CONFIRM, CONFIRM);
        assertEquals(1, events.size());
        WmsEvent e = events.get(0);
        assertEquals(WmsEvent.Kind.SHIPPED, e.kind());
        assertEquals("DO-1", e.code());
        assertEquals("WH-HZ", e.warehouse());
        assertEquals(Instant.parse("2030-01-02T02:00:00Z"), e.at(), "GMT+8");
        assertEquals(1250, e.packages().get(0).weightGrams());
        assertEquals(e.eventId(), verify(QimenConstants.DELIVERY_CONFIRM, CONFIRM).get(0).eventId(), "stable id");
        assertFalse(e.eventId().equals(verify(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("SF100", "SF101")).get(0)
                .eventId()));
    }

    @Test
    void confirmTypeOneIsPartial() {
        WmsEvent e = verify(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("<confirmType>0", "<confirmType>1")).get(0);
        assertEquals(WmsEvent.Kind.PARTIALLY_SHIPPED, e.kind());
    }

    @Test
    void aBadSignatureIsAuth() {
        Map<String, String> q = new TreeMap<>(query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, SECRET, "CUST-1",
                Instant.now()));
        String tampered = CONFIRM.replace("<quantity>2", "<quantity>9");
        PartnerException e = assertThrows(PartnerException.class, () -> connector
                .verifyCallback(new PushRequest(Map.of(), q, tampered, Instant.now())));
        assertEquals(PartnerException.Kind.AUTH, e.kind());
        assertEquals("sign-check-failure", e.partnerCode());
        PartnerException other = assertThrows(PartnerException.class, () -> connector.verifyCallback(new PushRequest(
                Map.of(), query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, "other-secret", "CUST-1", Instant.now()),
                CONFIRM, Instant.now())));
        assertEquals(PartnerException.Kind.AUTH, other.kind());
        assertFalse(other.getMessage().contains(SECRET));
    }

    @Test
    void anotherCustomerOrAStaleTimestampIsAuth() {
        PartnerException customer = assertThrows(PartnerException.class, () -> connector.verifyCallback(new PushRequest(
                Map.of(), query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, SECRET, "CUST-2", Instant.now()), CONFIRM,
                Instant.now())));
        assertEquals(PartnerException.Kind.AUTH, customer.kind());
        assertEquals("invalid-customerId", customer.partnerCode());
        PartnerException stale = assertThrows(PartnerException.class, () -> connector.verifyCallback(new PushRequest(
                Map.of(), query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, SECRET, "CUST-1",
                        Instant.now().minus(Duration.ofMinutes(11))), CONFIRM, Instant.now())));
        assertEquals(PartnerException.Kind.AUTH, stale.kind());
        assertEquals("invalid-timestamp", stale.partnerCode());
        assertTrue(stale.getMessage().contains("11 minutes"), stale.getMessage());
    }

    @Test
    void aTruncatedBodyIsRefused() {
        PartnerException e = refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.substring(0, CONFIRM.length() / 2));
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("not well-formed"), e.getMessage());
    }

    @Test
    void anXxeAttemptIsRefusedAndReadsNothing(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-CONTENT");
        String hostile = "<?xml version=\"1.0\"?><!DOCTYPE request [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<request><deliveryOrder><deliveryOrderCode>&x;</deliveryOrderCode><warehouseCode>HZ001</warehouseCode>"
                + "<status>DELIVERED</status></deliveryOrder></request>";
        PartnerException e = refused(QimenConstants.DELIVERY_CONFIRM, hostile);
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("DOCTYPE is not allowed"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET-CONTENT"));
        // a billion-laughs body dies the same way, before any expansion
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<request>&b;</request>";
        assertTrue(refused(QimenConstants.PROCESS_REPORT, bomb).getMessage().contains("DOCTYPE"));
    }

    @Test
    void aMissingDeliveryOrderCodeIsNamed() {
        PartnerException e = refused(QimenConstants.DELIVERY_CONFIRM,
                CONFIRM.replace("<deliveryOrderCode>DO-1</deliveryOrderCode>", ""));
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("deliveryOrder.deliveryOrderCode is required"), e.getMessage());
    }

    /** The router signs and checks only non-empty pairs (the Qimen SDK's signTopRequest): an empty one is ignored. */
    @Test
    void anEmptyQueryParameterIsNotSigned() {
        Map<String, String> q = new TreeMap<>(query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, SECRET, "CUST-1",
                Instant.now()));
        q.put("partner_id", "");
        List<WmsEvent> events = connector.verifyCallback(new PushRequest(Map.of(), q, CONFIRM, Instant.now()));
        assertEquals(WmsEvent.Kind.SHIPPED, events.get(0).kind());
        // signed with the empty pair in the string, as a reader of the page who missed the rule would: refused
        Map<String, String> withEmpty = new TreeMap<>(q);
        withEmpty.remove("sign");
        StringBuilder text = new StringBuilder(SECRET);
        withEmpty.forEach((k, v) -> text.append(k).append(v));
        withEmpty.put("sign", Digests.md5Hex(text.append(CONFIRM).append(SECRET).toString()).toUpperCase(Locale.ROOT));
        PartnerException e = assertThrows(PartnerException.class, () -> connector.verifyCallback(new PushRequest(Map.of(),
                withEmpty, CONFIRM, Instant.now())));
        assertEquals("sign-check-failure", e.partnerCode());
    }

    /** WMSes name the reports without the taobao.qimen. prefix too: the same parse and the same event id. */
    @Test
    void bareMethodNamesAreTakenLikeTheFullOnes() {
        WmsEvent full = verify(QimenConstants.DELIVERY_CONFIRM, CONFIRM).get(0);
        WmsEvent bare = verify("deliveryorder.confirm", CONFIRM).get(0);
        assertEquals(full, bare, "a re-send under the other name is the same event (same id)");
        String report = "<request><order><orderCode>DO-1</orderCode><warehouseCode>HZ001</warehouseCode></order>"
                + "<process><processStatus>PICK</processStatus></process></request>";
        assertEquals(WmsEvent.Kind.PROGRESS, verify("orderprocess.report", report).get(0).kind());
        String ret = "<request><returnOrder><returnOrderCode>RO-1</returnOrderCode><warehouseCode>HZ001</warehouseCode>"
                + "</returnOrder><orderLines><orderLine><itemCode>A</itemCode><actualQty>1</actualQty></orderLine>"
                + "</orderLines></request>";
        assertEquals(WmsEvent.Kind.RETURN_RECEIVED, verify("returnorder.confirm", ret).get(0).kind());
        String entry = ret.replace("returnOrder", "entryOrder");
        assertEquals(WmsEvent.Kind.ENTRY_RECEIVED, verify("entryorder.confirm", entry).get(0).kind());
        assertEquals("taobao.qimen.entryorder.confirm", QimenConstants.callbackName("entryorder.confirm"));
        assertEquals("itemlack.report", QimenConstants.callbackName("itemlack.report"));
        PartnerException e = refused("itemlack.report", CONFIRM);
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("method itemlack.report is not one"), e.getMessage());
        // a bare name is signed as sent: the signature over the full name does not cover it
        Map<String, String> q = new TreeMap<>(query(QimenConstants.DELIVERY_CONFIRM, CONFIRM, SECRET, "CUST-1",
                Instant.now()));
        q.put("method", "deliveryorder.confirm");
        assertEquals("sign-check-failure", assertThrows(PartnerException.class, () -> connector.verifyCallback(
                new PushRequest(Map.of(), q, CONFIRM, Instant.now()))).partnerCode());
    }

    @Test
    void anUnknownMethodIsNamed() {
        PartnerException e = refused("taobao.qimen.itemlack.report", CONFIRM);
        assertEquals(PartnerException.Kind.PERMANENT, e.kind());
        assertTrue(e.getMessage().contains("taobao.qimen.itemlack.report"), e.getMessage());
    }

    @Test
    void badValuesAreNamed() {
        assertTrue(refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("<quantity>2", "<quantity>two"))
                .getMessage().contains("packages.package[0].items.item[0].quantity is not an integer"));
        assertTrue(refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("HZ001", "BJ001")).getMessage()
                .contains("deliveryOrder.warehouseCode BJ001 is not a warehouse of this account"));
        assertTrue(refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace(">DELIVERED<", ">SHIPPING<")).getMessage()
                .contains("deliveryOrder.status 'SHIPPING'"));
        assertTrue(refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("<expressCode>SF100</expressCode>", ""))
                .getMessage().contains("packages.package[0].expressCode is required"));
        assertTrue(refused(QimenConstants.DELIVERY_CONFIRM, CONFIRM.replace("<weight>1.25", "<weight>heavy"))
                .getMessage().contains("weight is not a number"));
        String report = "<request><order><orderCode>DO-1</orderCode><warehouseCode>HZ001</warehouseCode></order>"
                + "<process><processStatus>TELEPORTED</processStatus></process></request>";
        assertTrue(refused(QimenConstants.PROCESS_REPORT, report).getMessage().contains("'TELEPORTED'"));
        assertTrue(refused(QimenConstants.PROCESS_REPORT, "<response/>").getMessage().contains("not <request>"));
        assertTrue(refused(QimenConstants.PROCESS_REPORT, "").getMessage().contains("empty"));
    }

    @Test
    void processReportsAndReceipts() {
        String report = "<request><order><orderCode>DO-1</orderCode><warehouseCode>HZ001</warehouseCode></order>"
                + "<process><processStatus>EXCEPTION</processStatus><operateTime>2030-01-02 10:00:00</operateTime>"
                + "<operateInfo>缺货</operateInfo></process></request>";
        WmsEvent e = verify(QimenConstants.PROCESS_REPORT, report).get(0);
        assertEquals(WmsEvent.Kind.EXCEPTION, e.kind());
        assertEquals("缺货", e.message());
        assertEquals(WmsEvent.Kind.PROGRESS, verify(QimenConstants.PROCESS_REPORT, report.replace("EXCEPTION", "PICK"))
                .get(0).kind());
        String ret = "<request><returnOrder><returnOrderCode>RO-1</returnOrderCode><warehouseCode>HZ001</warehouseCode>"
                + "</returnOrder><orderLines><orderLine><itemCode>A</itemCode><inventoryType>CC</inventoryType>"
                + "<actualQty>1</actualQty></orderLine><orderLine><itemCode>B</itemCode><actualQty>0</actualQty>"
                + "</orderLine><orderLine><itemCode>C</itemCode><inventoryType>ZP</inventoryType><actualQty>3</actualQty>"
                + "</orderLine></orderLines></request>";
        WmsEvent r = verify(QimenConstants.RETURN_CONFIRM, ret).get(0);
        assertEquals(WmsEvent.Kind.RETURN_RECEIVED, r.kind());
        assertEquals(List.of(new org.ordertower.api.fulfilment.ReceivedLine("A", 1, true),
                new org.ordertower.api.fulfilment.ReceivedLine("C", 3, false)), r.received());
        assertTrue(refused(QimenConstants.RETURN_CONFIRM, ret.replace("<actualQty>3", "<actualQty>-3")).getMessage()
                .contains("orderLines.orderLine[2].actualQty is negative"));
    }

    @Test
    void theReplyIsQimensResponse() throws Exception {
        CallbackReply ok = connector.reply(true, "ok");
        assertEquals(200, ok.status());
        assertTrue(ok.contentType().startsWith("text/xml"));
        Element root = Xml.parse(ok.body());
        assertEquals("response", root.getTagName());
        assertEquals("success", Xml.text(root, "flag"));
        assertEquals("0", Xml.text(root, "code"));
        Element no = Xml.parse(connector.reply(false, "bad <sign> & more").body());
        assertEquals("failure", Xml.text(no, "flag"));
        assertEquals("bad <sign> & more", Xml.text(no, "message"));
    }
}
