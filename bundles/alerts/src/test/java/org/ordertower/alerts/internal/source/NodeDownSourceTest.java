package org.ordertower.alerts.internal.source;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.alerts.internal.Databases;
import org.ordertower.alerts.internal.MovingClock;
import org.ordertower.alerts.internal.Poller;
import org.ordertower.alerts.internal.alert.Alert;
import org.ordertower.alerts.internal.alert.Links;
import org.ordertower.alerts.internal.alert.Texts;
import org.ordertower.alerts.internal.dispatch.Dispatcher;
import org.ordertower.alerts.internal.sink.RecordingSink;
import org.ordertower.alerts.internal.store.NodeTable;

/** Heartbeats through the poller; a node silent for 3 polls is reported by another, one stopped on purpose is not. */
class NodeDownSourceTest {
    private static final Duration POLL = Duration.ofSeconds(30);
    private static final Links LINKS = new Links("http://node1:8181/ordertower/");
    private Databases dbs;

    @AfterEach
    void close() throws Exception {
        if (dbs != null) {
            dbs.close();
        }
    }

    private Poller node(String id, MovingClock clock, RecordingSink sink) {
        Texts texts = new Texts(Texts.Language.EN);
        Dispatcher d = new Dispatcher(dbs.db, List.of(sink), texts, LINKS, new Dispatcher.Options(id, POLL,
                Duration.ofMinutes(60), Duration.ofMinutes(30), true, 20));
        return new Poller(dbs.db, new NodeTable(), id, List.of(new NodeDownSource(dbs.db, new NodeTable(), id, POLL, texts,
                LINKS)), d, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aNodeSilentForThreePollsIsDown(String kind) throws Exception {
        dbs = Databases.migrated(kind);
        MovingClock clock = new MovingClock(Instant.parse("2026-11-11T02:00:00Z"));
        RecordingSink sinkA = new RecordingSink("mail");
        RecordingSink sinkB = new RecordingSink("mail");
        Poller a = node("node-a", clock, sinkA);
        Poller b = node("node-b", clock, sinkB);
        a.poll();
        b.poll();
        NodeDownSource fromB = new NodeDownSource(dbs.db, new NodeTable(), "node-b", POLL, new Texts(Texts.Language.EN), LINKS);
        clock.advance(Duration.ofSeconds(89));
        b.poll();
        assertTrue(fromB.look(clock.instant()).isEmpty(), "under 3 poll periods");
        clock.advance(Duration.ofSeconds(1));
        List<Alert> down = fromB.look(clock.instant());
        assertEquals(1, down.size());
        assertEquals("node-down:node-a", down.get(0).key());
        assertTrue(down.get(0).message().contains("Noticed by node node-b"), down.get(0).message());
        b.poll();
        assertEquals(1, sinkA.delivered.size() + sinkB.delivered.size());
        assertEquals("node-down:node-a", sinkB.delivered.get(0).key(), "raised by the other node");

        a.poll(); // back
        assertTrue(fromB.look(clock.instant()).isEmpty());
        a.leave(); // stopped on purpose
        clock.advance(Duration.ofMinutes(5));
        assertTrue(fromB.look(clock.instant()).isEmpty(), "a node that left is not down");
    }
}
