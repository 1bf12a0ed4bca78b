package org.ordertower.inventory.internal.stock;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ordertower.api.Actor;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.inventory.internal.push.RecordingUpdater;

/** Sellable stock reaches the channels: coalesced, allocated, retried, for kits and presale too. */
class StockPushTest {
    private static final Actor OPS = Actor.user("ops");

    private static StockFixture fixture() throws Exception {
        StockFixture f = new StockFixture(TestDatabases.pooled("h2", 4), 2);
        f.warehouse("HZ", 1);
        f.sku("A");
        f.sku("B");
        f.sku("KIT");
        f.kit("KIT", "A", 2);
        f.kit("KIT", "B", 1);
        f.mapping("jd", "shop1", "jd-a", "A", 1);
        f.mapping("jd", "shop1", "jd-a6", "A", 6); // a six-pack listing
        f.mapping("douyin", "s9", "dy-a", "A", 1);
        f.mapping("douyin", "s9", "dy-kit", "KIT", 1);
        return f;
    }

    private static void reserve(StockFixture f, String ref, String sku, int qty) {
        f.inventory.reserve(new ReservationRequest(ref, "jd", List.of(new StockItem(sku, qty)), List.of()));
    }

    @Test
    void everyListingGetsItsQuantityAfterACommittedChange() throws Exception {
        try (StockFixture f = fixture()) {
            RecordingUpdater jd = new RecordingUpdater("jd");
            RecordingUpdater douyin = new RecordingUpdater("douyin");
            f.pusher.addUpdater(jd);
            f.pusher.addUpdater(douyin);
            f.stock("A", "HZ", 100);
            f.stock("B", "HZ", 10);
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 100 && douyin.last("s9", "dy-kit") == 10);
            assertEquals(16, jd.last("shop1", "jd-a6"), "100 units / 6 per pack");

            reserve(f, "o-1", "KIT", 3); // takes 6 A and 3 B
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 94 && douyin.last("s9", "dy-kit") == 7);
            assertEquals(94, douyin.last("s9", "dy-a"));
            assertTrue(f.inventory.recentPushes(10).stream().allMatch(StockPush::ok));
        }
    }

    @Test
    void eachChannelsPushesAreARouteAnAdminCanSuspendWhileTheOthersGoOn() throws Exception {
        try (StockFixture f = fixture()) {
            RecordingUpdater jd = new RecordingUpdater("jd");
            RecordingUpdater douyin = new RecordingUpdater("douyin");
            f.pusher.addUpdater(jd);
            f.pusher.addUpdater(douyin);
            assertEquals(List.of("stock-push-douyin", "stock-push-jd"), f.lanes.names());
            f.stock("A", "HZ", 100);
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 100 && douyin.last("s9", "dy-a") == 100);
            long before = exchanges(f, "stock-push-jd");
            assertTrue(before >= 1, "camel:route-list counts the channel's pushes");

            f.lanes.camel().getRouteController().suspendRoute("stock-push-jd");
            int calls = jd.calls.get();
            for (int i = 0; i < 3; i++) {
                reserve(f, "o-" + i, "A", 10);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> douyin.last("s9", "dy-a") == 70);
            Thread.sleep(300);
            assertEquals(calls, jd.calls.get(), "a suspended channel gets no push");
            assertEquals(before, exchanges(f, "stock-push-jd"));

            f.lanes.camel().getRouteController().resumeRoute("stock-push-jd");
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 70);
            assertEquals(11, jd.last("shop1", "jd-a6"), "the latest quantity, not the ones in between");
            f.pusher.removeUpdater(jd);
            assertEquals(List.of("stock-push-douyin"), f.lanes.names(), "a channel that goes takes its route along");
        }
    }

    private static long exchanges(StockFixture f, String route) {
        return f.lanes.camel().getExtension(org.apache.camel.api.management.ManagedCamelContext.class).getManagedRoute(route)
                .getExchangesTotal();
    }

    @Test
    void manyChangesOfOneSkuAreCoalescedIntoFewPushes() throws Exception {
        try (StockFixture f = fixture()) {
            f.stock("A", "HZ", 1_000);
            RecordingUpdater jd = new RecordingUpdater("jd");
            f.pusher.addUpdater(jd);
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 1_000);
            int before = jd.calls.get();
            for (int i = 0; i < 200; i++) {
                reserve(f, "o-" + i, "A", 1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 800);
            int pushes = jd.calls.get() - before;
            assertTrue(pushes < 200, "200 reservations must not make 200 pushes per listing, made " + pushes);
        }
    }

    @Test
    void allocationRulesSplitStockBetweenChannels() throws Exception {
        try (StockFixture f = fixture()) {
            RecordingUpdater jd = new RecordingUpdater("jd");
            RecordingUpdater douyin = new RecordingUpdater("douyin");
            f.pusher.addUpdater(jd);
            f.pusher.addUpdater(douyin);
            // keep 30 units for the live-stream channel; jd gets half of the rest, at most 25
            f.inventory.saveAllocation(new ChannelAllocation("A", "douyin", null, null, 30, 0));
            f.inventory.saveAllocation(new ChannelAllocation("A", "jd", 50, 25, 0, 0));
            f.stock("A", "HZ", 100);
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 25 && douyin.last("s9", "dy-a") == 100);
            assertEquals(java.util.Map.of("jd", 25, "douyin", 100), f.inventory.view("A").perChannel());
        }
    }

    @Test
    void failedPushesAreRetriedAndAChannelInstalledLaterCatchesUp() throws Exception {
        try (StockFixture f = fixture()) {
            // the own site's mapping (push.skip.channels): no connector, no push, and no failure for it
            f.mapping("own", "web", "A-WEB", "A", 1);
            f.stock("A", "HZ", 50);
            await().atMost(Duration.ofSeconds(5)).until(() -> f.inventory.recentPushes(50).stream()
                    .anyMatch(p -> !p.ok() && p.error().contains("no stock updater installed for channel jd")));
            RecordingUpdater jd = new RecordingUpdater("jd");
            jd.failNext.set(2);
            f.pusher.addUpdater(jd); // resyncs the channel
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 50);
            List<StockPush> pushes = f.inventory.recentPushes(100);
            assertTrue(pushes.stream().anyMatch(p -> !p.ok() && p.error().startsWith("TRANSIENT")));
            assertTrue(pushes.stream().anyMatch(p -> p.ok() && p.attempt() > 1), "a retry succeeded: " + pushes);
            assertTrue(pushes.stream().noneMatch(p -> p.channel().equals("own")), "the own site is not pushed: " + pushes);

            jd.failKind = ChannelException.Kind.AUTH;
            jd.failNext.set(1);
            f.inventory.adjust("A", "HZ", -1, OPS, "breakage");
            await().atMost(Duration.ofSeconds(5)).until(() -> f.inventory.recentPushes(100).stream()
                    .anyMatch(p -> !p.ok() && p.error().startsWith("AUTH")));
            f.inventory.adjust("A", "HZ", -1, OPS, "breakage");
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-a") == 48);
        }
    }

    @Test
    void presaleAndLowStockForecast() throws Exception {
        try (StockFixture f = fixture()) {
            f.sku("P", 20, 5, 50); // alert under 20, presale with 50 units under 5
            f.mapping("jd", "shop1", "jd-p", "P", 1);
            RecordingUpdater jd = new RecordingUpdater("jd");
            f.pusher.addUpdater(jd);
            f.stock("P", "HZ", 30);
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.last("shop1", "jd-p") == 30);
            for (int i = 0; i < 12; i++) { // 12 units reserved in the last hours: forecast 48/24h
                reserve(f, "p-" + i, "P", 1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.inventory.alerts(10).isEmpty());
            StockAlert alert = f.inventory.alerts(10).get(0);
            assertEquals("P", alert.sku());
            // raised as soon as sellable was under 20 and the forecast above it (the pusher may see 19 or 18)
            assertTrue(alert.sellable() < 20 && alert.sellable() >= 18, alert.toString());
            assertTrue(alert.forecast24h() > alert.sellable(), alert.toString());
            assertFalse(f.inventory.view("P").presale());
            for (int i = 12; i < 26; i++) {
                reserve(f, "p-" + i, "P", 1);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> jd.accepted.stream().anyMatch(u -> u.presale() && u.quantity() == 50));
            assertTrue(f.inventory.view("P").presale(), "4 sellable < 5: presale");
            assertEquals(1, f.inventory.alerts(10).size(), "alerted once, not on every change");
        }
    }
}
