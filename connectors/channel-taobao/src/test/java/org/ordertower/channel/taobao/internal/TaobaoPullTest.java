package org.ordertower.channel.taobao.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.sim.kit.SimOrder;

class TaobaoPullTest {

    @Test
    void pullsTenThousandOrdersAcrossWindowsAndPagesEachOnceAndMapsThemAll() {
        try (SimSupport s = new SimSupport()) {
            Instant start = SimSupport.hourAgo(60);
            Instant end = start.plus(Duration.ofHours(48));
            s.sim.book().seed(10_000, start, end);
            TaobaoConnector c = s.connector();
            Duration window = c.pullPolicy().maxWindow();
            assertEquals(Duration.ofMinutes(30), window);
            Set<String> all = new HashSet<>();
            int windows = 0;
            int multiPage = 0;
            // orders placed just before the end are paid (modified) up to a minute later: one more window
            for (Instant from = start; from.isBefore(end.plus(window)); from = from.plus(window)) {
                List<String> ids = new ArrayList<>();
                int pages = 0;
                String page = null;
                do {
                    PullPage p = c.pull(from, from.plus(window), page);
                    for (PlatformOrder o : p.orders()) {
                        ids.add(o.platformOrderId());
                        NormalizedOrder n = c.map(c.shop(), o.payload());
                        assertEquals(List.of(), n.problems());
                        assertEquals(o.platformOrderId(), n.platformOrderId());
                    }
                    page = p.next();
                    pages++;
                } while (page != null);
                assertEquals(ids.size(), new HashSet<>(ids).size(), "an order twice in the window starting " + from);
                all.addAll(ids);
                windows++;
                multiPage += pages > 1 ? 1 : 0;
            }
            assertEquals(97, windows);
            assertTrue(multiPage > 50, "most windows hold more than one page: " + multiPage);
            assertEquals(10_000, s.sim.book().size());
            assertEquals(10_000, all.size());
            assertEquals(0, s.counter("errors.7"));
        }
    }

    @Test
    void pagesBackwardsSoChangesDuringPagingLoseNothingAndResumesAfterRestart() {
        try (SimSupport s = new SimSupport()) {
            Instant from = SimSupport.hourAgo(5);
            Instant to = from.plus(Duration.ofMinutes(30));
            s.sim.book().seed(450, from, to);
            Set<String> inWindow = new HashSet<>();
            s.sim.book().changed(from, to).forEach(o -> inWindow.add(o.orderId));
            List<SimOrder> newestFirst = s.sim.book().changed(from, to);

            PullPage first = s.connector().pull(from, to, null);
            assertNotNull(first.next());
            assertTrue(first.next().startsWith("tb1."));
            Set<String> seen = new HashSet<>();
            first.orders().forEach(o -> seen.add(o.platformOrderId()));
            // the newest orders (pages still to read) change now and leave the window
            Set<String> moved = new HashSet<>();
            for (SimOrder o : newestFirst.subList(0, 40)) {
                if (s.sim.book().editAddress(o.orderId).isPresent() || s.sim.book().pay(o.orderId).isPresent()) {
                    moved.add(o.orderId);
                }
            }
            assertTrue(moved.size() > 10);
            // "restart": a new connector instance resumes from the stored token
            TaobaoConnector restarted = s.connector();
            String page = first.next();
            while (page != null) {
                PullPage p = restarted.pull(from, to, page);
                p.orders().forEach(o -> seen.add(o.platformOrderId()));
                page = p.next();
            }
            for (String id : inWindow) {
                assertTrue(seen.contains(id) || moved.contains(id), "order " + id + " was missed");
            }
        }
    }

    @Test
    void refusesForeignTokensAndWindowsOverADay() {
        try (SimSupport s = new SimSupport()) {
            TaobaoConnector c = s.connector();
            Instant from = SimSupport.hourAgo(30);
            ChannelException e = assertThrows(ChannelException.class, () -> c.pull(from, from.plusSeconds(60), "garbage"));
            assertEquals(ChannelException.Kind.PERMANENT, e.kind());
            String other = "tb1." + from.minusSeconds(60).toEpochMilli() + "." + from.toEpochMilli() + ".2.300";
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, from.plusSeconds(60), other)).kind());
            assertEquals(ChannelException.Kind.PERMANENT,
                    assertThrows(ChannelException.class, () -> c.pull(from, from.plus(Duration.ofHours(25)), null)).kind());
        }
    }

    @Test
    void fetchAnswersTheTradeAndAnUnknownTidIsPermanent() {
        try (SimSupport s = new SimSupport()) {
            SimOrder o = s.sim.book().create();
            TaobaoConnector c = s.connector();
            PlatformOrder p = c.fetch(o.orderId);
            assertEquals(o.orderId, p.platformOrderId());
            assertEquals(o.lines.size(), c.map(c.shop(), p.payload()).lines().size());
            ChannelException e = assertThrows(ChannelException.class, () -> c.fetch("999"));
            assertEquals(ChannelException.Kind.PERMANENT, e.kind());
            assertEquals("15/isv.trade-not-exist", e.platformCode());
        }
    }
}
