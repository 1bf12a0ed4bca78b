package org.ordertower.alerts.internal.sink;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Clock;
import java.time.Duration;
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

import com.fasterxml.jackson.databind.JsonNode;

/** The DingTalk sink against a receiver that checks the signature and the message as DingTalk does. */
class DingTalkSinkTest {
    private static final String SECRET = "SEC0a1b2c3d4e5f60718293a4b5c6d7e8f9012345678901234567890abcdef0123";
    private static final String TOKEN = "f3c9e0a7b6d54c21a1b2c3d4e5f60718";
    private static final Notice NOTICE = new Notice(NoticeType.ALERT, "stuck:P-1001", Severity.WARNING, "包裹停滞：P-1001",
            "订单 1001 的包裹 P-1001 自 2026-11-11 10:00:00 起没有物流进展。", "http://node1:8181/ordertower/#/orders/1001",
            Instant.parse("2026-11-11T04:00:00Z"));
    private DingTalkReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    private DingTalkSink sink(String webhook, String secret, Clock clock) {
        Settings s = TestConfig.settings(secret == null ? Map.of("dingtalk.webhook", webhook)
                : Map.of("dingtalk.webhook", webhook, "dingtalk.secret", secret));
        return new DingTalkSink(s.dingtalk(), new RobotClient(RobotClient.newHttpClient(), new Redactor(s.secrets())),
                new Texts(Texts.Language.ZH), clock);
    }

    @Test
    void signedMarkdownIsAccepted() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        sink(receiver.webhook(), SECRET, Clock.systemUTC()).deliver(NOTICE);
        assertEquals(1, receiver.accepted.size());
        JsonNode body = receiver.accepted.get(0);
        assertEquals("markdown", body.get("msgtype").asText());
        assertEquals("[警告] 包裹停滞：P-1001", body.at("/markdown/title").asText());
        String text = body.at("/markdown/text").asText();
        assertTrue(text.startsWith("#### [警告] 包裹停滞：P-1001"), text);
        assertTrue(text.contains("订单 1001 的包裹 P-1001"), text);
        assertTrue(text.contains("[在控制台查看](http://node1:8181/ordertower/#/orders/1001)"), text);
        assertTrue(text.contains("stuck:P-1001"), text);
    }

    @Test
    void aWrongSecretIsAFailureWithTheRobotsErrmsg() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        String wrong = "SEC" + "9".repeat(64);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(receiver.webhook(), wrong, Clock.systemUTC()).deliver(NOTICE));
        assertTrue(e.getMessage().contains("errcode 310000"), e.getMessage());
        assertTrue(e.getMessage().contains("sign not match"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), "the webhook's token stays out of errors");
        assertFalse(e.getMessage().contains(wrong), "the secret stays out of errors");
        assertTrue(receiver.accepted.isEmpty());
    }

    @Test
    void aTimestampOverAnHourOffIsRefused() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        Clock late = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-61));
        DeliveryException e = assertThrows(DeliveryException.class, () -> sink(receiver.webhook(), SECRET, late).deliver(NOTICE));
        assertTrue(e.getMessage().contains("310000") && e.getMessage().contains("invalid timestamp"), e.getMessage());
        // 59 minutes off is still inside DingTalk's window
        sink(receiver.webhook(), SECRET, Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-59))).deliver(NOTICE);
        assertEquals(1, receiver.accepted.size());
    }

    @Test
    void anUnsignedRobotGetsNoSignatureAndARobotThatWantsOneRefusesIt() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, null);
        sink(receiver.webhook(), null, Clock.systemUTC()).deliver(NOTICE);
        assertEquals(1, receiver.accepted.size());
        receiver.close();
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(receiver.webhook(), null, Clock.systemUTC()).deliver(NOTICE));
        assertTrue(e.getMessage().contains("310000"), e.getMessage());
    }

    @Test
    void anHttpErrorIsAFailureNamingTheStatusAndHostOnly() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        receiver.fail500.set(1);
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(receiver.webhook(), SECRET, Clock.systemUTC()).deliver(NOTICE));
        assertTrue(e.getMessage().startsWith("HTTP 500 from 127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
    }

    @Test
    void nobodyListeningIsAFailureWithoutTheWebhook() throws Exception {
        receiver = new DingTalkReceiver(TOKEN, SECRET);
        String webhook = receiver.webhook();
        receiver.close();
        DeliveryException e = assertThrows(DeliveryException.class,
                () -> sink(webhook, SECRET, Clock.systemUTC()).deliver(NOTICE));
        assertTrue(e.getMessage().startsWith("no answer from 127.0.0.1"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN));
        receiver = null;
    }

    @Test
    void theSignatureIsUrlEncodedBase64OfTheHmac() {
        // the string to sign is timestamp + "\n" + secret; '+', '/' and '=' of Base64 are URL-encoded
        String sign = new DingTalkSigner(SECRET).sign(1_700_000_000_000L);
        assertFalse(sign.contains("+") || sign.contains("/") || sign.contains("="), sign);
        String decoded = java.net.URLDecoder.decode(sign, java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(32, java.util.Base64.getDecoder().decode(decoded).length, "an HmacSHA256 is 32 bytes");
        assertEquals("https://oapi.dingtalk.com/robot/send?access_token=x&timestamp=1700000000000&sign=" + sign,
                new DingTalkSigner(SECRET).signedQuery("https://oapi.dingtalk.com/robot/send?access_token=x", 1_700_000_000_000L));
    }
}
