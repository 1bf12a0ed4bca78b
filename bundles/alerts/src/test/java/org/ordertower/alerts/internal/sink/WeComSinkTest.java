package org.ordertower.alerts.internal.sink;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.TestConfig;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;

/** The WeCom sink against a receiver that checks the message's shape and WeCom's 4096-byte limit. */
class WeComSinkTest {
    private static final String KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa";
    private static final String LINK = "http://node1:8181/ordertower/#/stock?sku=SKU-1";
    private WeComReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private WeComSink sink(String webhook) {
        Settings s = TestConfig.settings(Map.of("wecom.webhook", webhook, "language", "en"));
        return new WeComSink(s.wecom(), new RobotClient(RobotClient.newHttpClient(), new Redactor(s.secrets())),
                new Texts(Texts.Language.EN));
    }

    private static Notice notice(String text) {
        return new Notice(NoticeType.ALERT, "low-stock:SKU-1", Severity.CRITICAL, "Low stock: SKU-1", text, LINK,
                Instant.parse("2026-11-11T04:00:00Z"));
    }

    @Test
    void aMarkdownMessageIsAccepted() throws Exception {
        receiver = new WeComReceiver(KEY);
        sink(receiver.webhook()).deliver(notice("SKU SKU-1 has 0 sellable (threshold 10)."));
        assertEquals(1, receiver.accepted.size());
        String content = receiver.accepted.get(0).at("/markdown/content").asText();
        assertTrue(content.startsWith("### <font color=\"warning\">[CRITICAL]</font> Low stock: SKU-1"), content);
        assertTrue(content.contains("SKU SKU-1 has 0 sellable"), content);
        assertTrue(content.contains("[Open in the console](" + LINK + ")"), content);
    }

    @Test
    void aLongMessageIsCutTo4096BytesKeepingTheLink() throws Exception {
        receiver = new WeComReceiver(KEY);
        String longText = "库存告急，".repeat(2000); // 30000 bytes of UTF-8
        sink(receiver.webhook()).deliver(notice(longText));
        assertEquals(1, receiver.accepted.size(), "the receiver refuses anything over 4096 bytes");
        String content = receiver.accepted.get(0).at("/markdown/content").asText();
        int bytes = content.getBytes(StandardCharsets.UTF_8).length;
        assertTrue(bytes <= 4096 && bytes > 4000, "cut close to the limit: " + bytes);
        assertTrue(content.contains("…\n[Open in the console](" + LINK + ")"), "the link survives the cut");
        assertFalse(content.contains("\uFFFD"), "no character is split");
    }

    @Test
    void aReportIsTheImageWithItsMd5ThenTheSummary() throws Exception {
        receiver = new WeComReceiver(KEY);
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(40, 20, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", png);
        org.ordertower.alerts.internal.report.Report r = new org.ordertower.alerts.internal.report.Report(
                java.time.LocalDate.of(2026, 12, 6), "OrderTower daily report 2026-12-06", "#### report\n- Orders 100\n",
                "report", png.toByteArray(), LINK);
        sink(receiver.webhook()).deliverReport(r);
        assertEquals(2, receiver.accepted.size(), "the receiver checks the image's md5 and type");
        assertEquals("image", receiver.accepted.get(0).path("msgtype").asText());
        assertEquals(WeComSink.md5(png.toByteArray()), receiver.accepted.get(0).at("/image/md5").asText());
        assertEquals("#### report\n- Orders 100\n", receiver.accepted.get(1).at("/markdown/content").asText());

        // the oracle refuses an image whose md5 does not match
        var body = RobotReceiver.JSON.createObjectNode();
        body.put("msgtype", "image");
        body.putObject("image").put("base64", java.util.Base64.getEncoder().encodeToString(png.toByteArray()))
                .put("md5", "0".repeat(32));
        assertTrue(receiver.refusal(Map.of("key", KEY), "application/json", body).contains("md5 not match"));
    }

    @Test
    void theReceiverRefusesMoreThan4096Bytes() {
        // the oracle itself: what the sink must never send
        assertNotNull(new WeComReceiverProbe().refusalFor("a".repeat(4097)));
        assertNull(new WeComReceiverProbe().refusalFor("a".repeat(4096)));
    }

    @Test
    void aWrongKeyIsAFailureWithTheErrmsgButNotTheKey() throws Exception {
        receiver = new WeComReceiver(KEY);
        String wrong = receiver.webhook().replace(KEY, "0000-wrong-key-0000");
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(wrong).deliver(notice("x")));
        assertTrue(e.getMessage().contains("errcode 93000") && e.getMessage().contains("invalid webhook url"), e.getMessage());
        assertFalse(e.getMessage().contains("0000-wrong-key-0000"));
    }

    /** Calls the receiver's check without a server. */
    private static final class WeComReceiverProbe {
        String refusalFor(String content) {
            try (WeComReceiver r = new WeComReceiver(KEY)) {
                var body = RobotReceiver.JSON.createObjectNode();
                body.put("msgtype", "markdown");
                body.putObject("markdown").put("content", content);
                return r.refusal(Map.of("key", KEY), "application/json", body);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
