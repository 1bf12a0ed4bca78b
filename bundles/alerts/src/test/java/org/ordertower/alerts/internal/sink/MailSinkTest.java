package org.ordertower.alerts.internal.sink;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import javax.mail.Message;
import javax.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.TestConfig;
import org.ordertower.alerts.internal.alert.Notice;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

/** The mail sink against GreenMail's SMTP server on a free port. */
class MailSinkTest {
    private static final String PASSWORD = "Tr0ub4dor&3-smtp";
    private static final Notice NOTICE = new Notice(NoticeType.ALERT, "channel-down:jd:shop42", Severity.CRITICAL,
            "渠道不可用：jd/shop42", "店铺 jd/shop42 持续出错，10 分钟内没有完成一次拉单。", "http://node1:8181/ordertower/#/overview",
            Instant.parse("2026-11-11T04:00:00Z"));

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@shop.example", "alerts", PASSWORD));

    private MailSink sink(String password) {
        Map<String, Object> c = new HashMap<>();
        c.put("mail.smtp.host", "127.0.0.1");
        c.put("mail.smtp.port", SMTP.getSmtp().getPort());
        c.put("mail.from", "OrderTower <alerts@shop.example>");
        c.put("mail.to", "duty@shop.example, ops@shop.example");
        c.put("mail.user", "alerts");
        c.put("mail.password", password);
        Settings s = TestConfig.settings(c);
        return new MailSink(s.mail(), new Texts(Texts.Language.ZH), new Redactor(s.secrets()), Clock.systemUTC());
    }

    @Test
    void theMessageArrivesWithSubjectAndLink() throws Exception {
        ClassLoader before = Thread.currentThread().getContextClassLoader();
        sink(PASSWORD).deliver(NOTICE);
        assertSame(before, Thread.currentThread().getContextClassLoader(), "the caller's context class loader is put back");
        assertTrue(SMTP.waitForIncomingEmail(5_000, 2));
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertEquals(2, received.length, "one copy per recipient");
        MimeMessage m = received[0];
        assertEquals("[OrderTower] CRITICAL 渠道不可用：jd/shop42", m.getSubject());
        assertEquals("alerts@shop.example", ((javax.mail.internet.InternetAddress) m.getFrom()[0]).getAddress());
        assertEquals(2, m.getRecipients(Message.RecipientType.TO).length);
        String body = GreenMailUtil.getBody(m);
        String text = m.getContent().toString();
        assertTrue(m.getContentType().toLowerCase().startsWith("text/plain"), m.getContentType());
        assertTrue(text.contains("店铺 jd/shop42 持续出错"), text);
        assertTrue(text.contains("在控制台查看: http://node1:8181/ordertower/#/overview"), body);
    }

    @Test
    void aWrongPasswordIsAFailureThatDoesNotShowIt() {
        String wrong = "not-the-password-42";
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(wrong).deliver(NOTICE));
        assertTrue(e.getMessage().startsWith("SMTP 127.0.0.1:"), e.getMessage());
        assertFalse(e.getMessage().contains(wrong), e.getMessage());
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void noServerIsAFailure() {
        Map<String, Object> c = new HashMap<>();
        c.put("mail.smtp.host", "127.0.0.1");
        c.put("mail.smtp.port", 1); // nothing listens there
        c.put("mail.from", "alerts@shop.example");
        c.put("mail.to", "duty@shop.example");
        Settings s = TestConfig.settings(c);
        MailSink sink = new MailSink(s.mail(), new Texts(Texts.Language.EN), new Redactor(s.secrets()), Clock.systemUTC());
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink.deliver(NOTICE));
        assertTrue(e.getMessage().startsWith("SMTP 127.0.0.1:1 refused"), e.getMessage());
    }

    @Test
    void aMalformedAddressFailsAtStartNamingTheKey() {
        Map<String, Object> c = new HashMap<>();
        c.put("mail.smtp.host", "127.0.0.1");
        c.put("mail.from", "alerts@shop.example");
        c.put("mail.to", "duty@@shop");
        Settings s = TestConfig.settings(c);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MailSink(s.mail(), new Texts(Texts.Language.EN), new Redactor(s.secrets()), Clock.systemUTC()));
        assertTrue(e.getMessage().contains("mail.to"), e.getMessage());
    }

    @Test
    void aReportArrivesWithItsSummaryAndTheImageAttached() throws Exception {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 1, 2, 3 };
        sink(PASSWORD).deliverReport(new org.ordertower.alerts.internal.report.Report(java.time.LocalDate.of(2026, 12, 6),
                "OrderTower 日报 2026-12-06", "#### md", "订单 100\n", png, "http://node1:8181/ordertower/#/analytics"));
        assertTrue(SMTP.waitForIncomingEmail(5_000, 2));
        MimeMessage m = SMTP.getReceivedMessages()[0];
        assertEquals("[OrderTower] OrderTower 日报 2026-12-06", m.getSubject());
        javax.mail.internet.MimeMultipart parts = (javax.mail.internet.MimeMultipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertEquals("订单 100\n", parts.getBodyPart(0).getContent().toString().replace("\r\n", "\n"));
        javax.mail.BodyPart image = parts.getBodyPart(1);
        assertEquals("ordertower-2026-12-06.png", image.getFileName());
        assertTrue(image.getContentType().startsWith("image/png"), image.getContentType());
        assertEquals(javax.mail.Part.ATTACHMENT, image.getDisposition());
        assertTrue(java.util.Arrays.equals(png, image.getInputStream().readAllBytes()), "the image arrives intact");
    }
}
