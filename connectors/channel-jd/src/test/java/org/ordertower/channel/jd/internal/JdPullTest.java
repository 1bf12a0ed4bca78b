package org.ordertower.channel.jd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.sim.kit.SimOrder;

class JdPullTest {

    @Test
    void tenThousandOrdersAcrossWindowsAndPagesEachExactlyOncePerWindow() {
        try (JdSimFixture f = new JdSimFixture()) {
            Instant end = Instant.now().minusSeconds(60);
            Instant start = end.minus(Duration.ofHours(10));
            f.sim.book().seed(10_000, start, end);
            // unpaid orders are not on JOS; pay them (they then change now) and pull up to now
            for (SimOrder o : f.sim.book().changed(start, end)) {
                if (o.status == SimOrder.Status.UNPAID) {
                    f.sim.book().pay(o.orderId);
                }
            }
            Instant until = Instant.now().plusSeconds(2);
            Set<String> visible = f.sim.book().changed(start, until).stream().filter(o -> o.paidAt != null)
                    .map(o -> o.orderId).collect(Collectors.toSet());
            assertTrue(visible.size() > 9_500, "almost every seeded order is paid: " + visible.size());

            JdConnector c = f.connector();
            PullPolicy policy = c.pullPolicy();
            Map<String, Integer> seen = new HashMap<>();
            int windows = 0;
            for (Instant from = start; from.isBefore(until); from = from.plus(policy.maxWindow())) {
                Instant to = from.plus(policy.maxWindow()).isAfter(until) ? until : from.plus(policy.maxWindow());
                Set<String> inWindow = new HashSet<>();
                String page = null;
                do {
                    PullPage p = c.pull(from, to, page);
                    for (PlatformOrder o : p.orders()) {
                        assertTrue(inWindow.add(o.platformOrderId()), "twice in one window: " + o.platformOrderId());
                        assertTrue(!o.modifiedAt().isBefore(from.minusSeconds(1)) && o.modifiedAt().isBefore(to.plusSeconds(1)));
                        seen.merge(o.platformOrderId(), 1, Integer::sum);
                    }
                    page = p.next();
                } while (page != null);
                windows++;
            }
            assertTrue(windows >= 20);
            assertEquals(visible, seen.keySet(), "every visible order, none missing, none extra");
            assertEquals(visible.size(), seen.size());
            assertTrue(seen.values().stream().allMatch(n -> n == 1), "windows do not overlap here");
            long searches = f.sim.counters().get("searches");
            assertTrue(searches < visible.size() / 50 + 3L * windows, "paged by 50: " + searches + " searches");
        }
    }

    @Test
    void resumesFromAStoredPageTokenInANewInstanceAndFindsOrdersThatMoved() {
        try (JdSimFixture f = new JdSimFixture()) {
            Instant end = Instant.now().minusSeconds(120);
            Instant start = end.minus(Duration.ofMinutes(30));
            f.sim.book().seed(400, start, end);
            Set<String> expected = f.sim.book().changed(start, end).stream().filter(o -> o.paidAt != null)
                    .map(o -> o.orderId).collect(Collectors.toSet());

            PullPage first = f.connector().pull(start, end, null);
            assertEquals(List.of(), first.orders(), "several pages: the last one comes first");
            assertNotNull(first.next());
            Set<String> got = new HashSet<>();
            PullPage second = f.connector().pull(start, end, first.next());
            second.orders().forEach(o -> got.add(o.platformOrderId()));
            // meanwhile three orders of the window change and leave it (modified now)
            List<SimOrder> inWindow = f.sim.book().changed(start, end).stream().filter(o -> o.paidAt != null)
                    .filter(o -> o.status == SimOrder.Status.PAID).toList();
            for (int i = 0; i < 3; i++) {
                f.sim.book().editAddress(inWindow.get(inWindow.size() - 1 - i * 40).orderId);
            }
            // "restart": a new connector resumes from the stored token
            String page = second.next();
            JdConnector restarted = f.connector();
            while (page != null) {
                PullPage p = restarted.pull(start, end, page);
                p.orders().forEach(o -> got.add(o.platformOrderId()));
                page = p.next();
            }
            Set<String> missing = new HashSet<>(expected);
            missing.removeAll(got);
            Set<String> moved = f.sim.book().changed(end, Instant.now().plusSeconds(1)).stream().map(o -> o.orderId)
                    .collect(Collectors.toSet());
            missing.removeAll(moved);
            assertEquals(Set.of(), missing, "nothing that stayed in the window was skipped");
        }
    }

    @Test
    void tokensOfAnotherWindowOrForeignAreRefused() {
        try (JdSimFixture f = new JdSimFixture()) {
            JdConnector c = f.connector();
            Instant to = Instant.now();
            Instant from = to.minusSeconds(600);
            String other = new JdPageToken(1, 2, 1, 0).encode();
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, to, other)).kind());
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, to, "pdd1:1:2:3:4")).kind());
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, from.plus(Duration.ofHours(1)), null)).kind());
        }
    }

    @Test
    void smallWindowIsOnePageAndFetchReadsOneOrder() {
        try (JdSimFixture f = new JdSimFixture()) {
            Instant from = Instant.now().minusSeconds(5);
            SimOrder o = f.sim.book().create();
            f.sim.book().pay(o.orderId);
            PullPage p = f.connector().pull(from, Instant.now().plusSeconds(1), null);
            assertNull(p.next());
            assertEquals(List.of(o.orderId), p.orders().stream().map(PlatformOrder::platformOrderId).toList());
            PlatformOrder one = f.connector().fetch(o.orderId);
            assertEquals(o.orderId, one.platformOrderId());
            assertEquals(List.of(), f.connector().map(JdSimFixture.SHOP, one.payload()).problems());
            ChannelException missing = assertThrows(ChannelException.class, () -> f.connector().fetch("999999999999"));
            assertEquals(ChannelException.Kind.PERMANENT, missing.kind());
        }
    }

    @Test
    void everySimulatedOrderMapsCleanly() {
        try (JdSimFixture f = new JdSimFixture()) {
            Instant end = Instant.now().minusSeconds(30);
            Instant start = end.minus(Duration.ofMinutes(25));
            f.sim.book().seed(300, start, end);
            JdConnector c = f.connector();
            String page = null;
            int mapped = 0;
            do {
                PullPage p = c.pull(start, end, page);
                for (PlatformOrder o : p.orders()) {
                    assertEquals(List.of(), c.map(JdSimFixture.SHOP, o.payload()).problems());
                    mapped++;
                }
                page = p.next();
            } while (page != null);
            assertTrue(mapped > 200);
        }
    }
}
