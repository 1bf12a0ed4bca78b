package org.ordertower.alerts.internal;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.ordertower.alerts.internal.alert.Texts;

/** The configuration's keys, defaults and checks; secrets never show. */
class SettingsTest {
    private static final String WEBHOOK = "https://oapi.dingtalk.com/robot/send?access_token=abcdef0123456789abcdef";
    private static final String SECRET = "SEC1234567890abcdef1234567890abcdef";
    private static final String WECOM = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0";

    @Test
    void defaults() {
        Settings s = TestConfig.settings(Map.of());
        assertEquals(Duration.ofSeconds(30), s.poll());
        assertEquals("test-host", s.nodeId());
        assertEquals("http://test-host:8181/ordertower/", s.consoleUrl());
        assertEquals(Texts.Language.ZH, s.language());
        assertEquals(Duration.ofMinutes(60), s.repeat());
        assertEquals(Duration.ofMinutes(30), s.resolve());
        assertTrue(s.sendResolved());
        assertEquals(20, s.maxPerMinute());
        assertEquals(5, s.partnerDownFailures());
        assertEquals(Duration.ofMinutes(10), s.partnerDownWindow());
        assertEquals(Duration.ofMinutes(15), s.pullLag());
        assertEquals(Duration.ofMinutes(10), s.channelDown());
        assertEquals(Duration.ofMinutes(30), s.reviewAge());
        assertNull(s.dingtalk());
        assertNull(s.wecom());
        assertNull(s.mail());
        assertEquals(List.of(), s.sinkNames());
    }

    @Test
    void everySinkAtOnceAndNoSecretInToString() {
        Map<String, Object> c = new HashMap<>();
        c.put("dingtalk.webhook", WEBHOOK);
        c.put("dingtalk.secret", SECRET);
        c.put("wecom.webhook", WECOM);
        c.put("mail.smtp.host", "smtp.shop.example");
        c.put("mail.smtp.port", 587);
        c.put("mail.from", "alerts@shop.example");
        c.put("mail.to", "a@shop.example, b@shop.example");
        c.put("mail.user", "alerts");
        c.put("mail.password", "pa55-w0rd-smtp");
        c.put("mail.starttls", true);
        c.put("language", "en");
        c.put("node.id", "node-7");
        Settings s = TestConfig.settings(c);
        assertEquals(List.of("dingtalk", "wecom", "mail"), s.sinkNames());
        assertEquals(List.of("a@shop.example", "b@shop.example"), s.mail().to());
        assertEquals(Texts.Language.EN, s.language());
        String shown = s.toString();
        assertTrue(shown.contains("oapi.dingtalk.com") && shown.contains("qyapi.weixin.qq.com") && shown.contains("smtp.shop.example"),
                shown);
        for (String secret : List.of("abcdef0123456789abcdef", SECRET, "693a91f6-7xxx-4bc4-97a0", "pa55-w0rd-smtp")) {
            assertFalse(shown.contains(secret), "toString shows " + secret + ": " + shown);
            assertTrue(s.secrets().contains(secret), "scrubbed: " + secret);
        }
    }

    private static String refusal(Map<String, Object> c) {
        return assertThrows(IllegalArgumentException.class, () -> TestConfig.settings(c)).getMessage();
    }

    @Test
    void badValuesFailNamingTheKeyWithoutEchoingSecrets() {
        assertEquals("org.ordertower.alerts: dingtalk.secret must start with SEC (the robot's 加签 secret)",
                refusal(Map.of("dingtalk.webhook", WEBHOOK, "dingtalk.secret", "abc")));
        String bad = refusal(Map.of("wecom.webhook", "qyapi.weixin.qq.com/send?key=s3cr3t-key"));
        assertTrue(bad.contains("wecom.webhook") && !bad.contains("s3cr3t-key"), bad);
        assertTrue(refusal(Map.of("mail.smtp.host", "smtp", "mail.to", "a@b.c")).contains("mail.from"));
        assertTrue(refusal(Map.of("mail.smtp.host", "smtp", "mail.from", "a@b.c")).contains("mail.to"));
        assertTrue(refusal(Map.of("language", "fr")).contains("language must be zh or en"));
        assertTrue(refusal(Map.of("poll.seconds", 1)).contains("poll.seconds"));
        assertTrue(refusal(Map.of("max.per.minute", 0)).contains("max.per.minute"));
        assertTrue(refusal(Map.of("console.url", "ftp://x/")).contains("console.url"));
    }
}
