package org.ordertower.channel.example.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.sim.kit.SimOrder;

class ExamplePullTest {

    @Test
    void pullsEveryOrderOfAWindowOncePageByPage() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            // whole milliseconds, as the platform keeps them
            Instant end = Instant.ofEpochMilli(System.currentTimeMillis()).minusSeconds(120);
            Instant start = end.minus(Duration.ofMinutes(25));
            f.sim.book().seed(230, start, end);
            Set<String> expected = f.sim.book().changed(start, end).stream().map(o -> o.orderId)
                    .collect(Collectors.toSet());
            ExampleConnector c = f.connector();
            Set<String> got = new HashSet<>();
            int pages = 0;
            String page = null;
            do {
                PullPage p = c.pull(start, end, page);
                for (PlatformOrder o : p.orders()) {
                    assertTrue(got.add(o.platformOrderId()), "twice in one window: " + o.platformOrderId());
                    assertTrue(!o.modifiedAt().isBefore(start) && o.modifiedAt().isBefore(end));
                }
                page = p.next();
                pages++;
            } while (page != null);
            assertEquals(expected, got, "every order of the window, none missing, none extra");
            assertEquals((expected.size() + 49) / 50, pages, "paged by 50");
            assertEquals(pages, f.sim.counters().get("searches"));
        }
    }

    @Test
    void resumesFromAStoredPageTokenInANewInstanceAndSkipsNothingWhenOrdersMove() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            Instant end = Instant.now().minusSeconds(120);
            Instant start = end.minus(Duration.ofMinutes(30));
            f.sim.book().seed(200, start, end);
            Set<String> expected = f.sim.book().changed(start, end).stream().map(o -> o.orderId)
                    .collect(Collectors.toSet());
            Set<String> got = new HashSet<>();
            PullPage first = f.connector().pull(start, end, null);
            first.orders().forEach(o -> got.add(o.platformOrderId()));
            assertNotNull(first.next());
            // meanwhile three unread orders of the window change and leave it (modified now)
            List<SimOrder> unread = f.sim.book().changed(start, end).stream()
                    .filter(o -> !got.contains(o.orderId) && o.status == SimOrder.Status.PAID).toList();
            for (int i = 0; i < 3; i++) {
                f.sim.book().editAddress(unread.get(i * 20).orderId);
            }
            // "restart": a new connector resumes from the stored token
            ExampleConnector restarted = f.connector();
            String page = first.next();
            while (page != null) {
                PullPage p = restarted.pull(start, end, page);
                p.orders().forEach(o -> got.add(o.platformOrderId()));
                page = p.next();
            }
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(got);
            missing.removeAll(f.sim.book().changed(end, Instant.now().plusSeconds(1)).stream().map(o -> o.orderId)
                    .collect(Collectors.toSet()));
            assertEquals(Set.of(), missing, "nothing that stayed in the window was skipped");
        }
    }

    @Test
    void tokensOfAnotherWindowOrForeignAreRefusedWithoutACall() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            ExampleConnector c = f.connector();
            Instant to = Instant.now();
            Instant from = to.minusSeconds(600);
            String other = new ExamplePageToken(1, 2, "abc").encode();
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, to, other)).kind());
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, to, "jd1.1.2.3.4")).kind());
            assertEquals(ChannelException.Kind.PERMANENT, assertThrows(ChannelException.class,
                    () -> c.pull(from, from.plus(Duration.ofHours(1)), null)).kind());
            assertEquals(0, f.sim.server().calls().size());
        }
    }

    @Test
    void aCursorThePlatformRefusesIsPermanent() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            Instant to = Instant.now();
            Instant from = to.minusSeconds(600);
            String forged = new ExamplePageToken(from.toEpochMilli(), to.toEpochMilli(), "bm90LWEtY3Vyc29y").encode();
            ChannelException e = assertThrows(ChannelException.class, () -> f.connector().pull(from, to, forged));
            assertEquals(ChannelException.Kind.PERMANENT, e.kind());
            assertEquals("40004", e.platformCode());
        }
    }

    @Test
    void smallWindowIsOnePageAndFetchReadsOneOrder() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            Instant from = Instant.now().minusSeconds(5);
            SimOrder o = f.sim.book().create();
            PullPage p = f.connector().pull(from, Instant.now().plusSeconds(120), null);
            assertNull(p.next());
            assertEquals(List.of(o.orderId), p.orders().stream().map(PlatformOrder::platformOrderId).toList());
            PlatformOrder one = f.connector().fetch(o.orderId);
            assertEquals(o.orderId, one.platformOrderId());
            assertEquals(List.of(), f.connector().map(ExampleSimFixture.SHOP, one.payload()).problems());
            ChannelException missing = assertThrows(ChannelException.class, () -> f.connector().fetch("999"));
            assertEquals(ChannelException.Kind.PERMANENT, missing.kind());
            assertEquals("40401", missing.platformCode());
        }
    }

    @Test
    void everySimulatedOrderMapsCleanly() {
        try (ExampleSimFixture f = new ExampleSimFixture()) {
            Instant end = Instant.now().minusSeconds(30);
            Instant start = end.minus(Duration.ofMinutes(25));
            f.sim.book().seed(300, start, end);
            ExampleConnector c = f.connector();
            String page = null;
            int mapped = 0;
            do {
                PullPage p = c.pull(start, end, page);
                for (PlatformOrder o : p.orders()) {
                    assertEquals(List.of(), c.map(ExampleSimFixture.SHOP, o.payload()).problems());
                    mapped++;
                }
                page = p.next();
            } while (page != null);
            assertTrue(mapped > 250, "mapped " + mapped);
        }
    }
}
