package org.ordertower.alerts.internal.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.alerts.internal.Databases;
import org.ordertower.alerts.internal.MovingClock;
import org.ordertower.alerts.internal.Settings;
import org.ordertower.alerts.internal.TestConfig;
import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.NoticeType;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.sink.DingTalkSink;
import org.ordertower.alerts.internal.sink.RecordingSink;
import org.ordertower.alerts.internal.sink.Redactor;
import org.ordertower.alerts.internal.sink.RobotClient;
import org.ordertower.alerts.internal.sink.Sink;
import org.ordertower.alerts.internal.store.AlertTable;
import org.ordertower.jdbc.Database;

/** Grouping, repeats, resolution, the per-minute cap and retries, on H2 and PostgreSQL with a clock the test moves. */
class DispatcherTest {
    private Databases dbs;

    private Database open(String kind) throws Exception {
        dbs = Databases.migrated(kind);
        return dbs.db;
    }

    @org.junit.jupiter.api.AfterEach
    void closeDatabase() throws Exception {
        if (dbs != null) {
            dbs.close();
        }
    }

    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Links LINKS = new Links("http://node1:8181/ordertower/");
    private final Texts texts = new Texts(Texts.Language.ZH);
    private final MovingClock clock = new MovingClock(Instant.parse("2026-11-11T02:00:05Z"));

    private Dispatcher dispatcher(Database db, List<Sink> sinks, int maxPerMinute) {
        return new Dispatcher(db, sinks, texts, LINKS, new Dispatcher.Options("node1", POLL, Duration.ofMinutes(60),
                Duration.ofMinutes(30), true, maxPerMinute));
    }

    private Alert stuck(String code) {
        return new Alert(AlertKind.STUCK.key(code), AlertKind.STUCK, Severity.WARNING, texts.stuckTitle(code),
                "包裹 " + code + " 不动了", LINKS.order(1001), clock.instant());
    }

    private void poll(Dispatcher d, Alert... alerts) {
        d.poll(List.of(alerts), clock.instant());
        clock.advance(POLL);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void anAlertSeen100TimesIsSentOnceThenRepeatedWithItsCountThenResolved(String kind) throws Exception {
        Database db = open(kind);
        RecordingSink sink = new RecordingSink("dingtalk");
        Dispatcher d = dispatcher(db, List.of(sink), 20);
        Instant firstSend = clock.instant();
        for (int i = 0; i < 100; i++) { // 50 minutes
            poll(d, stuck("P-1"));
        }
        assertEquals(1, sink.delivered.size(), "sent once while it stays active");
        assertEquals(NoticeType.ALERT, sink.delivered.get(0).type());
        assertEquals("stuck:P-1", sink.delivered.get(0).key());
        AlertTable.Row row = d.newest(10).get(0);
        assertEquals(100, row.total());
        assertEquals(99, row.suppressed(), "every repeat after the send is counted");
        assertEquals(firstSend, row.lastSentAt());

        clock.advance(Duration.ofMinutes(10)); // 60 minutes after the first send
        poll(d, stuck("P-1"));
        assertEquals(2, sink.delivered.size(), "sent again after repeat.minutes");
        assertEquals(NoticeType.REPEAT, sink.delivered.get(1).type());
        String text = sink.delivered.get(1).text();
        assertTrue(text.startsWith("仍在发生：自 " + texts.time(firstSend) + " 以来又出现 100 次"), text);
        assertEquals(0, d.newest(10).get(0).suppressed());

        clock.advance(Duration.ofMinutes(29));
        poll(d);
        assertEquals(2, sink.delivered.size(), "not resolved before resolve.minutes");
        clock.advance(Duration.ofMinutes(1));
        poll(d);
        assertEquals(3, sink.delivered.size());
        assertEquals(NoticeType.RESOLVED, sink.delivered.get(2).type());
        assertEquals("已恢复：包裹停滞：P-1", sink.delivered.get(2).title());
        assertTrue(d.newest(10).isEmpty(), "a resolved key is forgotten");

        poll(d, stuck("P-1"));
        assertEquals(4, sink.delivered.size(), "seen again after it was forgotten: new, sent at once");
        assertEquals(NoticeType.ALERT, sink.delivered.get(3).type());
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void maxPerMinuteCapsEachSinkAndTheRestBecomeOneDigest(String kind) throws Exception {
        Database db = open(kind);
        RecordingSink sink = new RecordingSink("wecom");
        Dispatcher d = dispatcher(db, List.of(sink), 3);
        poll(d, stuck("A"), stuck("B"), stuck("C"), stuck("D"), stuck("E")); // 02:00:05
        assertEquals(List.of("stuck:A", "stuck:B", "stuck:C"), sink.delivered.stream().map(n -> n.key()).toList());
        assertEquals(0, d.waiting("wecom"), "the two over the cap are counted for the digest, not queued");
        poll(d, stuck("A"), stuck("B"), stuck("C"), stuck("D"), stuck("E")); // 02:00:35, same minute
        assertEquals(3, sink.delivered.size());

        poll(d, stuck("A"), stuck("B"), stuck("C"), stuck("D"), stuck("E"), stuck("F")); // 02:01:05: the next minute
        assertEquals(5, sink.delivered.size());
        assertEquals("stuck:F", sink.delivered.get(3).key(), "a new minute has room again");
        assertEquals(NoticeType.DIGEST, sink.delivered.get(4).type());
        assertEquals("另有 2 条告警", sink.delivered.get(4).title());
        assertTrue(sink.delivered.get(4).text().contains("2 条告警") && sink.delivered.get(4).text().contains(LINKS.console()));
        assertEquals(LINKS.console(), sink.delivered.get(4).link());
        assertEquals(6, d.newest(10).size(), "every alert is kept, sent or not");
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aFailedDeliveryIsRetriedAtTheNextPollAndLoggedWithoutSecrets(String kind) throws Exception {
        Database db = open(kind);
        String token = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";
        String secret = "SEC" + "7".repeat(64);
        try (var receiver = new org.ordertower.alerts.internal.sink.DingTalkReceiverAccess(token, secret)) {
            Settings s = TestConfig.settings(Map.of("dingtalk.webhook", receiver.webhook(), "dingtalk.secret", secret));
            Sink dingtalk = new DingTalkSink(s.dingtalk(), new RobotClient(RobotClient.newHttpClient(),
                    new Redactor(s.secrets())), texts, java.time.Clock.systemUTC());
            RecordingSink mail = new RecordingSink("mail");
            Dispatcher d = dispatcher(db, List.of(dingtalk, mail), 20);
            receiver.failNextWith500(1);

            String log = capturingStderr(() -> poll(d, stuck("P-9")));
            assertEquals(0, receiver.accepted(), "the robot answered 500");
            assertEquals(1, mail.delivered.size(), "the other sink is not held up");
            assertEquals(1, d.waiting("dingtalk"), "the message stays owed");
            assertTrue(log.contains("WARN") && log.contains("stuck:P-9") && log.contains("dingtalk (127.0.0.1)")
                    && log.contains("HTTP 500"), log);
            assertFalse(log.contains(token) || log.contains(secret) || log.contains("access_token"), log);

            poll(d, stuck("P-9"));
            assertEquals(1, receiver.accepted(), "delivered at the next poll");
            assertEquals(0, d.waiting("dingtalk"));
            assertEquals(1, mail.delivered.size(), "the sink that took it is not sent it twice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void withoutSinksAlertsAreKeptAndSentOnceASinkAppears(String kind) throws Exception {
        Database db = open(kind);
        poll(dispatcher(db, List.of(), 20), stuck("P-5"));
        assertNull(dispatcher(db, List.of(), 20).newest(1).get(0).lastSentAt());
        RecordingSink sink = new RecordingSink("mail");
        poll(dispatcher(db, List.of(sink), 20), stuck("P-5"));
        assertEquals(1, sink.delivered.size());
    }

    /** Runs {@code work} with System.err (where slf4j-simple writes) captured. */
    static String capturingStderr(Runnable work) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            work.run();
        } finally {
            System.setErr(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
