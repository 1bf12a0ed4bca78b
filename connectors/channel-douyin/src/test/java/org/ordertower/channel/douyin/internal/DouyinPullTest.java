package org.ordertower.channel.douyin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PlatformOrder;
import org.ordertower.api.channel.PullPage;

class DouyinPullTest {
    private final SimShop shop = new SimShop(Map.of("ratePerSecond", "1000"));
    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(14));

    @AfterEach
    void stop() {
        shop.close();
    }

    private List<String> pullWindow(DouyinConnector c, Instant from, Instant to) {
        List<String> ids = new ArrayList<>();
        String page = null;
        do {
            PullPage p = c.pull(from, to, page);
            for (PlatformOrder o : p.orders()) {
                assertTrue(!o.modifiedAt().isBefore(from) && o.modifiedAt().isBefore(to), "inside the window");
                ids.add(o.platformOrderId());
            }
            page = p.next();
        } while (page != null);
        return ids;
    }

    @Test
    void pullsTenThousandOrdersAcrossWindowsAndPagesEachExactlyOnce() {
        shop.sim.book().seed(10_000, t0, t0.plus(Duration.ofHours(10)));
        DouyinConnector c = shop.connector();
        Duration window = c.pullPolicy().maxWindow();
        List<String> all = new ArrayList<>();
        for (Instant from = t0; from.isBefore(t0.plus(Duration.ofHours(11))); from = from.plus(window)) {
            List<String> ids = pullWindow(c, from, from.plus(window));
            assertEquals(ids.size(), new HashSet<>(ids).size(), "no order twice in a window");
            all.addAll(ids);
        }
        assertEquals(10_000, new HashSet<>(all).size(), "none missing");
        assertEquals(10_000, all.size(), "each order in exactly one window");
        long calls = shop.sim.counters().get("method.order.searchList");
        assertTrue(calls > 100, "paged: " + calls);
    }

    @Test
    void windowsSplitInsideASecondPartitionExactly() {
        shop.sim.book().seed(600, t0, t0.plusSeconds(60));
        DouyinConnector c = shop.connector();
        Instant mid = t0.plusMillis(30_500);
        Set<String> a = new HashSet<>(pullWindow(c, t0, mid));
        Set<String> b = new HashSet<>(pullWindow(c, mid, t0.plus(Duration.ofHours(1))));
        assertTrue(a.stream().noneMatch(b::contains));
        assertEquals(600, a.size() + b.size());
    }

    @Test
    void resumesFromAStoredPageTokenInANewConnector() {
        shop.sim.book().seed(450, t0, t0.plus(Duration.ofMinutes(20)));
        Instant from = t0;
        Instant to = t0.plus(Duration.ofMinutes(30));
        PullPage first = shop.connector().pull(from, to, null);
        assertEquals(100, first.orders().size());
        assertNotNull(first.next());
        Set<String> ids = new HashSet<>();
        first.orders().forEach(o -> ids.add(o.platformOrderId()));
        DouyinConnector restarted = shop.connector();
        String page = first.next();
        int total = first.orders().size();
        while (page != null) {
            PullPage p = restarted.pull(from, to, page);
            p.orders().forEach(o -> ids.add(o.platformOrderId()));
            total += p.orders().size();
            page = p.next();
        }
        assertEquals(450, ids.size());
        assertEquals(450, total);
    }

    @Test
    void aForeignOrOutOfWindowPageTokenIsPermanent() {
        DouyinConnector c = shop.connector();
        Instant to = t0.plus(Duration.ofMinutes(30));
        ChannelException e = assertThrows(ChannelException.class, () -> c.pull(t0, to, "page-2"));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
        e = assertThrows(ChannelException.class, () -> c.pull(t0, to, "dy1:" + to.plusSeconds(3600).getEpochSecond() + ":0:"));
        assertEquals(ChannelException.Kind.PERMANENT, e.kind());
    }
}
