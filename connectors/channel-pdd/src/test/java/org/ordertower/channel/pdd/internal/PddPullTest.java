package org.ordertower.channel.pdd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimRequest;

class PddPullTest {
    private final SimFixture fx = new SimFixture();
    private final Instant t0 = Instant.now().minus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);

    @AfterEach
    void close() {
        fx.close();
    }

    /** The book's order_sns modified in [from, to). */
    private Set<String> expected(Instant from, Instant to) {
        return fx.sim.book().changed(from, to).stream().map(PddPullTest::sn).collect(Collectors.toSet());
    }

    private static String sn(SimOrder o) {
        return java.time.format.DateTimeFormatter.ofPattern("yyMMdd").withZone(PddConstants.CHINA).format(o.created) + "-"
                + o.orderId;
    }

    private static List<PlatformOrder> window(PddConnector c, Instant from, Instant to) {
        List<PlatformOrder> all = new ArrayList<>();
        String page = null;
        int pages = 0;
        do {
            PullPage p = c.pull(from, to, page);
            all.addAll(p.orders());
            page = p.next();
            assertTrue(++pages < 1000, "paging does not end");
        } while (page != null);
        return all;
    }

    @Test
    void pullsTenThousandOrdersAcrossWindowsAndPagesEachOnceNoneMissing() {
        Instant end = t0.plus(Duration.ofHours(10));
        fx.sim.book().seed(10_000, t0, end);
        PddConnector c = fx.connector();
        Duration step = c.pullPolicy().maxWindow();
        Set<String> distinct = new HashSet<>();
        int windows = 0;
        for (Instant from = t0.minus(step); from.isBefore(end.plus(Duration.ofHours(1))); from = from.plus(step)) {
            Instant to = from.plus(step);
            List<PlatformOrder> got = window(c, from, to);
            List<String> ids = got.stream().map(PlatformOrder::platformOrderId).toList();
            assertEquals(ids.size(), new HashSet<>(ids).size(), "an order came twice in window " + from);
            assertEquals(expected(from, to), new HashSet<>(ids), "window " + from);
            for (PlatformOrder o : got) {
                assertTrue(!o.modifiedAt().isBefore(from) && o.modifiedAt().isBefore(to), "modified outside the window");
                NormalizedOrder n = c.map(c.shop(), o.payload());
                assertTrue(n.problems().isEmpty(), n.problems().toString());
            }
            distinct.addAll(ids);
            windows++;
        }
        assertEquals(10_000, distinct.size());
        assertTrue(windows >= 20);
        long pageCalls = fx.sim.server().calls().stream().filter(r -> "pdd.order.number.list.increment.get".equals(r.param("type")))
                .count();
        assertTrue(pageCalls > 100, "many pages: " + pageCalls);
        // paged backwards: within a window the pages asked for after the first one go down to 1
        List<Integer> pages = fx.sim.server().calls().stream().map(SimRequest::form)
                .filter(f -> "pdd.order.number.list.increment.get".equals(f.get("type"))).limit(12)
                .map(f -> Integer.parseInt(f.get("page"))).toList();
        int last = pages.indexOf(pages.stream().max(Integer::compare).orElseThrow());
        assertEquals(1, pages.get(last - 1), "the first call reads page 1: " + pages);
        assertTrue(pages.get(last) > 2 && pages.get(last + 1) == pages.get(last) - 1, "backwards: " + pages);
    }

    @Test
    void resumesFromAStoredPageTokenAfterARestart() {
        Instant from = t0;
        Instant to = t0.plus(Duration.ofMinutes(30));
        fx.sim.book().seed(350, from, to.minus(Duration.ofMinutes(12)));
        PddConnector first = fx.connector();
        PullPage p1 = first.pull(from, to, null);
        assertTrue(p1.orders().isEmpty());
        PullPage p2 = first.pull(from, to, p1.next());
        assertEquals(50, p2.orders().size(), "the last of four pages comes first");
        String stored = p2.next();
        assertNotNull(stored);

        PddConnector restarted = fx.connector();
        List<String> ids = new ArrayList<>(p2.orders().stream().map(PlatformOrder::platformOrderId).toList());
        String page = stored;
        while (page != null) {
            PullPage p = restarted.pull(from, to, page);
            p.orders().forEach(o -> ids.add(o.platformOrderId()));
            page = p.next();
        }
        assertEquals(ids.size(), new HashSet<>(ids).size());
        assertEquals(expected(from, to), new HashSet<>(ids));
    }

    @Test
    void aSinglePageWindowIsOneCall() {
        fx.sim.book().seed(30, t0, t0.plus(Duration.ofMinutes(10)));
        PullPage p = fx.connector().pull(t0, t0.plus(Duration.ofMinutes(30)), null);
        assertNull(p.next());
        assertEquals(expected(t0, t0.plus(Duration.ofMinutes(30))).size(), p.orders().size());
    }

    @Test
    void refusesForeignTokensAndOverlongWindows() {
        PddConnector c = fx.connector();
        Instant to = t0.plus(Duration.ofMinutes(30));
        ChannelException bad = assertThrows(ChannelException.class, () -> c.pull(t0, to, "garbage"));
        assertEquals(ChannelException.Kind.PERMANENT, bad.kind());
        String other = new PddPageToken(1, 2, 3, 400).encode();
        assertEquals(ChannelException.Kind.PERMANENT, assertThrows(ChannelException.class, () -> c.pull(t0, to, other)).kind());
        ChannelException wide = assertThrows(ChannelException.class, () -> c.pull(t0, t0.plus(Duration.ofMinutes(31)), null));
        assertEquals(ChannelException.Kind.PERMANENT, wide.kind());
    }

    @Test
    void fetchesOneOrderAndMapsIt() {
        SimOrder o = fx.sim.book().create();
        PlatformOrder p = fx.connector().fetch(sn(o));
        assertEquals(sn(o), p.platformOrderId());
        NormalizedOrder n = fx.connector().map("mall-7", p.payload());
        assertEquals(o.lines.size(), n.lines().size());
        assertEquals(0, o.payment().compareTo(n.amounts().paid()));
        ChannelException missing = assertThrows(ChannelException.class, () -> fx.connector().fetch("240101-1"));
        assertEquals(ChannelException.Kind.PERMANENT, missing.kind());
        assertEquals("10000", missing.platformCode());
    }

    @Test
    void asksForAllOrdersWithIsLuckyFlagZeroOnEveryCall() {
        fx.sim.book().seed(250, t0, t0.plus(Duration.ofMinutes(20)));
        List<PlatformOrder> got = window(fx.connector(), t0, t0.plus(Duration.ofMinutes(30)));
        assertEquals(expected(t0, t0.plus(Duration.ofMinutes(30))).size(), got.size());
        List<String> flags = fx.sim.server().calls().stream().map(SimRequest::form)
                .filter(f -> "pdd.order.number.list.increment.get".equals(f.get("type"))).map(f -> f.get("is_lucky_flag"))
                .toList();
        assertEquals(4, flags.size(), "page 1, then pages 3, 2, 1");
        assertTrue(flags.stream().allMatch("0"::equals), flags.toString());
    }

    @Test
    void platformTimeIsPddsClock() {
        Instant t = fx.connector().platformTime();
        assertTrue(Duration.between(t, Instant.now()).abs().getSeconds() < 5, t.toString());
    }
}
