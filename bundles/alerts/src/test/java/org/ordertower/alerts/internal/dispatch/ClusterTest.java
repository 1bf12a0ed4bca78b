package org.ordertower.alerts.internal.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.alerts.internal.Databases;
import org.ordertower.alerts.internal.MovingClock;
import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.AlertKind;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Severity;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.sink.RecordingSink;
import org.ordertower.jdbc.Database;

/** Two nodes (two dispatchers on one database) polling at the same moments send an alert once between them. */
class ClusterTest {
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

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void twoNodesSendOneAlertOnce(String kind) throws Exception {
        Database db = open(kind);
        Texts texts = new Texts(Texts.Language.EN);
        MovingClock clock = new MovingClock(Instant.parse("2026-11-11T02:00:05Z"));
        RecordingSink sinkA = new RecordingSink("dingtalk");
        RecordingSink sinkB = new RecordingSink("dingtalk");
        Dispatcher a = new Dispatcher(db, List.of(sinkA), texts, LINKS, new Dispatcher.Options("node-a", POLL,
                Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        Dispatcher b = new Dispatcher(db, List.of(sinkB), texts, LINKS, new Dispatcher.Options("node-b", POLL,
                Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) { // 10 minutes of polls, both nodes at once
                Instant now = clock.instant();
                List<Alert> found = List.of(new Alert(AlertKind.PARTNER_DOWN.key("WAYBILL"), AlertKind.PARTNER_DOWN,
                        Severity.CRITICAL, texts.partnerDownTitle("WAYBILL"), "5 WAYBILL calls failed", LINKS.overview(), now));
                CyclicBarrier together = new CyclicBarrier(2);
                Future<?> fa = pool.submit(() -> {
                    together.await();
                    a.poll(found, now);
                    return null;
                });
                Future<?> fb = pool.submit(() -> {
                    together.await();
                    b.poll(found, now);
                    return null;
                });
                fa.get();
                fb.get();
                clock.advance(POLL);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, sinkA.delivered.size() + sinkB.delivered.size(),
                "node-a sent " + sinkA.delivered.size() + ", node-b sent " + sinkB.delivered.size());
        assertEquals(0, a.waiting("dingtalk"));
        assertEquals(20, a.newest(1).get(0).total(), "seen by both nodes in each poll, counted once per poll");
    }
}
