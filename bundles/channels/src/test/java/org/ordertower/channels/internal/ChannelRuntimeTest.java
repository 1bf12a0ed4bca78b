package org.ordertower.channels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.ordertower.api.ChannelFacts;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.Refund;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.ChannelException;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PullReport;
import org.ordertower.api.channel.PushEvent;
import org.ordertower.api.channel.Reconciliation;
import org.ordertower.api.channel.RefundResult;
import org.ordertower.api.channel.ReturnOutcome;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.channel.douyin.internal.DouyinConnector;
import org.ordertower.channel.douyin.internal.DouyinSettings;
import org.ordertower.sim.douyin.DouyinSimulator;
import org.ordertower.channel.taobao.internal.TaobaoConnector;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.testing.hostile.HostileJson;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.lanes.Lanes;
import org.ordertower.core.spi.http.OrderJson;

import com.sun.net.httpserver.HttpServer;

/**
 * The channel runtime with real connectors against their platforms' simulators over real HTTP, on a
 * real database: windowed, paged pulls that lose and double nothing, a crash mid-pull resumed from the
 * stored cursor, signed pushes (repeated and out of order) through the webhook handler, and
 * reconciliation of the two paths.
 */
class ChannelRuntimeTest {
    /** No lag behind the platform's clock, so orders placed a moment ago are in reach. */
    private static final PullPolicy NO_LAG = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ZERO,
            Duration.ofMinutes(1), Duration.ofDays(90));
    private final List<AutoCloseable> open = new java.util.ArrayList<>();
    private GroupCommitWriter writer;
    private DefaultOrderService orders;
    private Database db;

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    /** The channels the core knows: a channel's connector restarting is missing for a moment. */
    private volatile Set<String> knownChannels = Set.of("taobao", "douyin");

    private ChannelRuntime runtime(DataSource ds) throws Exception {
        if (db == null) {
            db = new Database(ds);
            OrderStore.migrator(ds).migrate();
            OrderStore store = new OrderStore();
            OrderIntake intake = new OrderIntake(store, new OrderJson());
            writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 256, 20_000, 30_000);
            orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> knownChannels, () -> { });
        }
        ChannelRuntime r = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("node-a",
                Duration.ofHours(24), Duration.ofSeconds(2), 8, 3, Duration.ofDays(7), false));
        open.add(r);
        return r;
    }

    private TaobaoSimulator taobao() {
        TaobaoSimulator sim = TaobaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "21" + System.nanoTime()
                % 1_000_000_000L, "appSecret", "tb-secret", "shop", "tea-shop", "ratePerSecond", "1000")));
        open.add(sim);
        return sim;
    }

    private DelegatingConnector taobaoConnector(TaobaoSimulator sim) {
        TaobaoSettings s = TaobaoSettings.of(sim.gatewayUrl(), sim.oauthUrl(), sim.appKey(), "tb-secret", "tea-shop",
                sim.accessToken(), sim.refreshToken(), null, Clock.systemUTC()).withRates(1000, 1000);
        return new DelegatingConnector(new TaobaoConnector(s, null), NO_LAG);
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void pullsEveryOrderOnceAcrossWindowsAndPagesAndResumesAfterACrash(String kind) throws Exception {
        int n = kind.equals("h2") ? 10_000 : 3_000;
        DataSource ds = TestDatabases.pooled(kind, 12);
        open.add((AutoCloseable) ds);
        TaobaoSimulator sim = taobao();
        Instant now = Instant.now();
        sim.book().seed(n, now.minus(Duration.ofHours(20)), now.minus(Duration.ofMinutes(5)));

        ChannelRuntime first = runtime(ds);
        DelegatingConnector crashing = taobaoConnector(sim);
        crashing.failAtPull = 25; // somewhere in the middle of the windows' pages
        first.add(crashing);
        ChannelException crash = assertThrows(ChannelException.class, () -> first.pull("taobao", "tea-shop"));
        assertEquals("connection reset (injected)", crash.getMessage());
        long stored = count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'taobao'");
        assertTrue(stored > 0 && stored < n, "part of the orders before the crash: " + stored);
        ChannelStore.Cursor cursor = db.read(tx -> new ChannelStore().cursor(tx, "taobao", "tea-shop")).orElseThrow();
        first.close();

        // a new node process: same database, a fresh connector; it starts at the stored cursor
        ChannelRuntime second = runtime(ds);
        DelegatingConnector fresh = taobaoConnector(sim);
        second.add(fresh);
        PullReport report = second.pull("taobao", "tea-shop");
        assertEquals(cursor.page(), fresh.firstPage, "the first call resumes the stored page of the unfinished window");
        assertEquals(n, count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'taobao'"), "none lost");
        assertEquals(n, count(ds, "SELECT COUNT(DISTINCT platform_order_id) FROM orders WHERE channel = 'taobao'"));
        assertEquals(n, count(ds, "SELECT COUNT(*) FROM channel_seen WHERE channel = 'taobao' AND pulled_at IS NOT NULL"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter"));
        assertTrue(crashing.pulls.get() + report.windows() >= 48, "24 hours in 30-minute windows: " + report);
        assertEquals(0, report.deadLettered());
        // channel:list's count: the orders this node stored from pulls, each page counted once
        if (n > 5_000) {
            assertTrue(report.pages() > report.windows(), "windows of several pages (100 orders a page): " + report);
        }
        assertEquals(report.stored(), second.shops().stream().filter(x -> x.shop().equals("tea-shop")).findFirst()
                .orElseThrow().ordersPulled(), report.toString());
        List<SimOrder> all = sim.book().changed(now.minus(Duration.ofHours(21)), now);
        for (SimOrder o : List.of(all.get(0), all.get(all.size() / 2), all.get(all.size() - 1))) {
            Order kept = orders.findByPlatformId("taobao", "tea-shop", o.orderId).orElseThrow();
            assertEquals(o.lines.size(), kept.content().lines().size(), "order " + o.orderId);
            assertEquals(0, o.payment().compareTo(kept.content().amounts().paid()), "order " + o.orderId);
        }

        // caught up: the next pull covers only the overlap and the time since, storing nothing new
        PullReport again = second.pull("taobao", "tea-shop");
        assertEquals(0, again.stored(), again.toString());
        assertEquals(n, count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'taobao'"));
    }

    @Test
    void eachShopsPullIsACamelRouteThatAnAdminCanSuspendAndResume() throws Exception {
        DataSource ds = TestDatabases.pooled("h2", 4);
        open.add((AutoCloseable) ds);
        runtime(ds); // migrates and builds the order service
        Lanes lanes = Lanes.standalone("ordertower-channels", ChannelRuntime.LANE_THREADS);
        open.add(lanes);
        ChannelRuntime r = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("node-a",
                Duration.ofMinutes(10), Duration.ofSeconds(2), 2, 3, Duration.ofDays(7), true), ChannelRuntime.Vocabularies.NONE,
                lanes);
        open.add(r);
        TaobaoSimulator sim = taobao();
        DelegatingConnector shop = new DelegatingConnector(taobaoConnector(sim).real, new PullPolicy(Duration.ofMinutes(30),
                Duration.ofMinutes(1), Duration.ZERO, Duration.ofMillis(100), Duration.ofDays(90)));
        r.add(shop);
        String route = "shop-taobao-tea-shop-pull";
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> exchanges(lanes, route) >= 3);
        assertEquals(org.apache.camel.ServiceStatus.Started, lanes.status(route), lanes.names().toString());

        lanes.camel().getRouteController().suspendRoute(route);
        Thread.sleep(300); // a pull in progress ends
        long paused = exchanges(lanes, route);
        int pulls = shop.pulls();
        SimOrder placed = sim.book().create(Instant.now().minusSeconds(5));
        sim.book().pay(placed.orderId);
        Thread.sleep(800); // eight intervals
        assertEquals(paused, exchanges(lanes, route), "camel:route-list shows no pull while suspended");
        assertEquals(pulls, shop.pulls(), "a suspended shop is not pulled");
        // (the order may still come meanwhile: the shop's message route, TMC, is not suspended)

        lanes.camel().getRouteController().resumeRoute(route);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> exchanges(lanes, route) > paused && shop.pulls() > pulls);
        Awaitility.await().atMost(Duration.ofSeconds(20))
                .until(() -> orders.findByPlatformId("taobao", "tea-shop", placed.orderId).isPresent());

        r.remove(shop);
        assertTrue(lanes.names().stream().noneMatch(n -> n.startsWith("shop-taobao-tea-shop-")),
                "a shop that goes takes its routes along: " + lanes.names());
        assertEquals("shop-taobao-my_shop__1-pull", Shop.routeId("taobao", "my shop #1", "pull"));
    }

    @Test
    void aPlatformClockThatGoesBackIsPulledFromAgainSoWhatItStampsFromThenOnIsNotBehindTheCursor() throws Exception {
        DataSource ds = TestDatabases.pooled("h2", 4);
        open.add((AutoCloseable) ds);
        ChannelRuntime runtime = runtime(ds);
        TaobaoSimulator sim = taobao();
        DelegatingConnector shop = taobaoConnector(sim);
        runtime.add(shop);
        runtime.pull("taobao", "tea-shop");
        Instant cursor = shop.lastTo;
        assertTrue(Duration.between(cursor, Instant.now()).abs().toSeconds() < 5, "pulled up to the platform's now");

        // the platform's clock is put back 10 minutes: what it stamps now lies before the windows already pulled
        shop.clockShift = Duration.ofMinutes(-10);
        int before = shop.pulls();
        runtime.pull("taobao", "tea-shop");
        assertTrue(shop.pulls() > before, "pulled again, not taken as caught up until the platform's clock passes the cursor");
        Instant platformNow = Instant.now().minus(Duration.ofMinutes(10));
        assertTrue(!shop.lastTo.isBefore(platformNow.minusSeconds(5)) && shop.lastTo.isBefore(cursor),
                "the window ends at the platform's clock: " + shop.lastTo);
        assertTrue(shop.lastFrom.isBefore(platformNow.minus(NO_LAG.overlap())), "and reaches back over its overlap: "
                + shop.lastFrom);
        // with the platform's clock back in step, the windows go on from where they are, nothing skipped
        shop.clockShift = Duration.ZERO;
        runtime.pull("taobao", "tea-shop");
        assertTrue(Duration.between(shop.lastTo, Instant.now()).abs().toSeconds() < 5);
    }

    @Test
    void aBuyersRefundIsPulledWithTheOrderAndAnsweredThroughTheShopsConnectorOnlyWhereItCan() throws Exception {
        DataSource ds = TestDatabases.pooled("h2", 4);
        open.add((AutoCloseable) ds);
        ChannelRuntime runtime = runtime(ds);
        TaobaoSimulator sim = taobao();
        runtime.add(taobaoConnector(sim));
        SimOrder o = sim.book().create(Instant.now().minusSeconds(120));
        sim.book().pay(o.orderId);
        sim.book().ship(o.orderId, List.of(), "SF", "SF1001");
        SimOrder.Line back = sim.book().requestReturn(o.orderId, null).orElseThrow().lines.get(0);
        runtime.pull("taobao", "tea-shop");

        Refund kept = orders.findByPlatformId("taobao", "tea-shop", o.orderId).orElseThrow().content()
                .facts().refunds().get(0);
        assertEquals(new Refund(back.refundId, List.of(back.lineId),
                Refund.State.GOODS_RETURNED, "WAIT_SELLER_CONFIRM_GOODS"), kept);
        ReturnOutcome agree = new ReturnOutcome(o.orderId,
                kept.refundId(), Map.of(back.lineId, back.quantity), Map.of(),
                ReturnOutcome.Decision.AGREE, "goods received");
        assertEquals(RefundResult.DONE, runtime.returnReceived("taobao", "tea-shop", agree));
        assertEquals(SimOrder.Refund.REFUNDED, sim.book().get(o.orderId).orElseThrow().lines.get(0).refund);

        ChannelException gone = assertThrows(ChannelException.class, () -> runtime.returnReceived("taobao", "other-shop",
                agree));
        assertEquals(ChannelException.Kind.TRANSIENT, gone.kind(), "its connector may come back");
        runtime.add(new ChannelConnector() { // no REFUND, as pdd's
            @Override
            public String channelId() {
                return "pdd";
            }

            @Override
            public NormalizedOrder map(String shop, String payload) {
                throw unsupported(Capability.PULL);
            }
        });
        UnsupportedOperationException manual = assertThrows(UnsupportedOperationException.class,
                () -> runtime.returnReceived("pdd", "default", agree));
        assertEquals("channel pdd cannot report refunds", manual.getMessage());
    }

    @Test
    void ordersPulledWhileTheCoreHasLostTheChannelForAMomentAreNotDeadLetteredButPulledAgain() throws Exception {
        DataSource ds = TestDatabases.pooled("h2", 4);
        open.add((AutoCloseable) ds);
        TaobaoSimulator sim = taobao();
        Instant now = Instant.now();
        sim.book().seed(30, now.minus(Duration.ofSeconds(50)), now.minus(Duration.ofSeconds(2)));
        ChannelRuntime runtime = runtime(ds);
        runtime.add(taobaoConnector(sim));
        knownChannels = Set.of("douyin"); // taobao's connector is restarting, or the node stopping
        assertThrows(RuntimeException.class, () -> runtime.pull("taobao", "tea-shop"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter"), "good orders are not dead-lettered");
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM orders"));

        knownChannels = Set.of("taobao", "douyin");
        PullReport again = runtime.pull("taobao", "tea-shop"); // (the shop's own timer may have pulled them already)
        assertEquals(30, again.orders(), again.toString());
        assertEquals(30, count(ds, "SELECT COUNT(*) FROM orders"), "every order the platform holds, once");
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void theOverlapOfTheNextPullWritesNothingForOrdersThatDidNotChange(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 4);
        open.add((AutoCloseable) ds);
        TaobaoSimulator sim = taobao();
        Instant now = Instant.now();
        sim.book().seed(40, now.minus(Duration.ofSeconds(50)), now.minus(Duration.ofSeconds(2)));
        ChannelRuntime runtime = runtime(ds);
        runtime.add(taobaoConnector(sim));
        PullReport first = runtime.pull("taobao", "tea-shop");
        assertEquals(40, first.stored(), first.toString());
        long inbox = count(ds, "SELECT COUNT(*) FROM inbox");

        PullReport overlap = runtime.pull("taobao", "tea-shop"); // reaches back one minute: the same 40 orders
        assertEquals(40, overlap.orders(), overlap.toString());
        assertEquals(0, overlap.stored());
        assertEquals(40, overlap.unchanged());
        assertEquals(inbox, count(ds, "SELECT COUNT(*) FROM inbox"), "an exact repeat leaves no inbox row");

        // a change on the platform still goes through: the changed order is stored, the others skipped
        assertTrue(sim.book().changed(now.minus(Duration.ofMinutes(1)), Instant.now()).stream()
                .anyMatch(o -> sim.book().editAddress(o.orderId).isPresent()), "a paid order whose address can change");
        PullReport third = runtime.pull("taobao", "tea-shop");
        assertEquals(1, third.stored(), third.toString());
        assertEquals(inbox + 1, count(ds, "SELECT COUNT(*) FROM inbox"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void pushesRepeatedAndOutOfOrderGiveOneCorrectOrderAndReconcileFindsALostPush(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 12);
        open.add((AutoCloseable) ds);
        ChannelRuntime runtime = runtime(ds);
        WebhookHttpApi api = new WebhookHttpApi(() -> java.util.Optional.of(runtime), Clock.systemUTC(), new OrderJson());
        AtomicBoolean down = new AtomicBoolean();
        String url = pushUrl(api, down);
        DouyinSimulator sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", String.format("71%017d", System.nanoTime()
                % 100_000_000_000_000_000L), "appSecret", "dy-secret", "shop", "4463798", "pushUrl", url, "duplicatePushes", "true",
                "shufflePushes", "true", "pushAttempts", "3", "pushRetryMillis", "200",
                // the app's limit as the connector's (withRates below): the sim answers in well under a millisecond
                "ratePerSecond", "1000")));
        open.add(sim);
        Map<String, String> token = sim.issueToken();
        DouyinConnector real = new DouyinConnector(DouyinSettings.of(sim.gatewayUrl(), sim.settings().appKey(), "dy-secret",
                "4463798").withTokens(token.get("access_token"), token.get("refresh_token"), null).withRates(1000, 1000));
        runtime.add(new DelegatingConnector(real, NO_LAG));

        // a wrong secret is refused before anything is stored
        assertEquals(401, api.handle("POST", WebhookHttpApi.BASE + "/douyin/push", Map.of("app-id", sim.settings().appKey(),
                "event-sign", "0123456789abcdef0123456789abcdef"), Map.of(), "[{\"tag\":\"100\",\"msg_id\":\"m1\",\"data\":\"{}\"}]")
                .status());
        assertEquals(404, api.handle("POST", WebhookHttpApi.BASE + "/nochannel/push", Map.of(), Map.of(), "[]").status());

        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            SimOrder o = sim.book().create();
            ids.add(o.orderId);
            if (o.status == SimOrder.Status.UNPAID) {
                sim.book().pay(o.orderId);
            }
        }
        sim.book().cancel(ids.get(0));
        // every order ends as the book has it, whatever order the pushes came in
        endsAsTheBookHasIt(runtime, sim, ids, ids.get(0));
        assertEquals(30, count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'douyin'"));
        long events = count(ds, "SELECT COUNT(*) FROM channel_event");
        assertTrue(events >= 30, "one stored event per message id: " + events);
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter"));

        // the pull sees the same orders: nothing to report
        Instant since = Instant.now().minus(Duration.ofHours(1));
        runtime.pull("douyin", "4463798");
        Reconciliation clean = runtime.reconcile("douyin", "4463798", since);
        assertEquals(30, clean.seen());
        assertEquals(List.of(), clean.onlyPulled());
        assertEquals(List.of(), clean.onlyPushed());

        // the receiver is down while an order is placed: the platform gives up pushing it; the pull finds it
        settled(sim); // no earlier push still in flight
        down.set(true);
        long failedBefore = sim.counters().getOrDefault("pushesFailed", 0L);
        SimOrder lost = sim.book().create();
        // the new order's one push, sent twice (duplicates on), fails its three attempts both times
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sim.counters().getOrDefault("pushesFailed", 0L)
                >= failedBefore + 2);
        settled(sim);
        down.set(false);
        runtime.pull("douyin", "4463798");
        Reconciliation r = runtime.reconcile("douyin", "4463798", since);
        assertEquals(List.of(lost.orderId), r.onlyPulled(), r.toString());
        assertTrue(r.pushes());
        assertNotNull(orders.findByPlatformId("douyin", "4463798", lost.orderId).orElse(null));
    }

    /**
     * A burst of pushes that carry only the order's id: the inbox takes most orders from narrow pulls of the window
     * of their times (a page of up to a hundred) instead of one detail call each, and every order still ends as the
     * platform's book has it, including those changed again after their pull.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void aBurstOfPushedIdsIsTakenInByNarrowPullsNotOneFetchEach(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 12);
        open.add((AutoCloseable) ds);
        ChannelRuntime runtime = runtime(ds);
        String url = pushUrl(new WebhookHttpApi(() -> java.util.Optional.of(runtime), Clock.systemUTC(), new OrderJson()),
                new AtomicBoolean());
        DouyinSimulator sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", String.format("72%017d",
                System.nanoTime() % 100_000_000_000_000_000L), "appSecret", "dy-secret", "shop", "4463798", "pushUrl", url, "ratePerSecond", "1000")));
        open.add(sim);
        Map<String, String> token = sim.issueToken();
        DelegatingConnector shop = new DelegatingConnector(new DouyinConnector(DouyinSettings.of(sim.gatewayUrl(),
                sim.settings().appKey(), "dy-secret", "4463798").withTokens(token.get("access_token"),
                        token.get("refresh_token"), null).withRates(1000, 1000)), NO_LAG);
        runtime.add(shop);

        // a slow detail call holds the inbox's worker while a burst of pushes is stored
        shop.fetchGate = new java.util.concurrent.CountDownLatch(1);
        SimOrder first = sim.book().create();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> shop.fetches.get() == 1);
        int n = 200;
        List<String> ids = new java.util.ArrayList<>(List.of(first.orderId));
        for (int i = 0; i < n; i++) {
            SimOrder o = sim.book().create();
            ids.add(o.orderId);
            if (o.status == SimOrder.Status.UNPAID) {
                sim.book().pay(o.orderId);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> count(ds, "SELECT COUNT(*) FROM channel_event") > n);
        settled(sim); // every push of the burst stored
        shop.fetchGate.countDown();
        shop.fetchGate = null;
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> s(runtime).narrowPulls.get() > 0);
        sim.book().cancel(ids.get(7)); // changed again later: a copy pulled before must not stand for its new push
        endsAsTheBookHasIt(runtime, sim, ids, ids.get(7));
        assertEquals(n + 1, count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'douyin'"));
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter"));
        Shop s = s(runtime);
        assertTrue(s.narrowPulls.get() > 0, "narrow pulls were made");
        assertTrue(shop.fetches.get() < n / 5, "detail calls: " + shop.fetches.get() + " for " + n + " orders; pages pulled: "
                + shop.pulls() + "; fetches spared: " + s.fetchesSpared.get());
        assertTrue(shop.pulls() < n / 10, "pages pulled: " + shop.pulls());
    }

    /**
     * A platform handing the node hostile order payloads (the corpus of {@link HostileJson} built from one of the
     * platform's real orders, each as the order an event carries): every one ends stored or dead-lettered with its
     * reason, none is left in the inbox, the order already on the node is unchanged, and a connector failing with a
     * bug's exception (not a {@link ChannelException}) on some payloads has them dead-lettered too, on the inbox's path
     * and on the pull's, whose cursor goes on past them.
     */
    @ParameterizedTest
    @ValueSource(strings = { "h2", "postgres" })
    void hostilePayloadsFromAPlatformAreDeadLetteredWithTheirReasonAndNothingIsHeldUp(String kind) throws Exception {
        DataSource ds = TestDatabases.pooled(kind, 12);
        open.add((AutoCloseable) ds);
        ChannelRuntime runtime = runtime(ds);
        DouyinSimulator sim = DouyinSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", String.format("73%017d",
                System.nanoTime() % 100_000_000_000_000_000L), "appSecret", "dy-secret", "shop", "4463798", "ratePerSecond", "1000")));
        open.add(sim);
        Map<String, String> token = sim.issueToken();
        DelegatingConnector shop = new DelegatingConnector(new DouyinConnector(DouyinSettings.of(sim.gatewayUrl(),
                sim.settings().appKey(), "dy-secret", "4463798").withTokens(token.get("access_token"),
                        token.get("refresh_token"), null).withRates(1000, 1000)), NO_LAG);
        runtime.add(shop);
        SimOrder real = sim.book().create();
        sim.book().pay(real.orderId);
        pulledIn(runtime, real.orderId);
        String before = orderRow(ds, real.orderId);

        // the corpus: each copy of the real order carries an id of its own; thinned on PostgreSQL, where every stored
        // order is a round trip
        String payload = shop.fetch(real.orderId).payload();
        Map<String, String> corpus = HostileJson.corpus(payload, (copy, n) -> copy.put("order_id",
                String.valueOf(7_000_000_000_000_000_000L + n)));
        int step = kind.equals("h2") ? 1 : 5;
        List<PushEvent> events = new java.util.ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> c : corpus.entrySet()) {
            if (i++ % step == 0) {
                events.add(new PushEvent("hostile-" + i, "100", "4463798", "H-" + i, Instant.now(),
                        new org.ordertower.api.channel.PlatformOrder("H-" + i, Instant.now(), c.getValue())));
            }
        }
        // and a few the connector fails on with a bug's exception
        shop.mapBug = p -> p.contains("CONNECTOR-BUG");
        for (int b = 0; b < 3; b++) {
            events.add(new PushEvent("bug-" + b, "100", "4463798", "B-" + b, Instant.now(),
                    new org.ordertower.api.channel.PlatformOrder("B-" + b, Instant.now(), payload.replace(real.orderId,
                            "CONNECTOR-BUG-" + b))));
        }
        assertTrue(events.size() >= 500, events.size() + " events");
        runtime.storeEvents("douyin", events);
        try {
            Awaitility.await().atMost(Duration.ofMinutes(2)).until(() -> count(ds,
                    "SELECT COUNT(*) FROM channel_event WHERE done_at IS NULL") == 0);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("events left in the inbox: " + rows(ds, "SELECT platform_order_id, attempts, last_error "
                    + "FROM channel_event WHERE done_at IS NULL ORDER BY id"), e);
        }

        long dead = count(ds, "SELECT COUNT(*) FROM channel_dead_letter WHERE source = 'push'");
        long stored = count(ds, "SELECT COUNT(*) FROM orders WHERE channel = 'douyin' AND platform_order_id <> '"
                + real.orderId + "'");
        assertTrue(dead > events.size() / 2, dead + " dead letters of " + events.size());
        assertEquals(0, count(ds, "SELECT COUNT(*) FROM channel_dead_letter WHERE reason IS NULL OR TRIM(reason) = ''"));
        assertEquals(3, count(ds, "SELECT COUNT(*) FROM channel_dead_letter WHERE platform_order_id LIKE 'B-%' AND reason "
                + "LIKE '%failed on this payload: java.lang.NullPointerException at %'"));
        // a payload whose change left the real order as it was (a garbled key the mapping does not read) is that
        // order again: counted by mapping it here
        int same = 0;
        for (PushEvent ev : events) {
            try {
                same += shop.real.map("4463798", ev.order().payload()).platformOrderId().equals(real.orderId) ? 1 : 0;
            } catch (RuntimeException refused) {
                // dead-lettered above
            }
        }
        assertEquals(events.size(), stored + dead + same, stored + " stored, " + dead + " dead-lettered, " + same
                + " the real order again, of " + events.size());
        assertEquals(before, orderRow(ds, real.orderId), "the order already on the node is unchanged");
        System.out.printf("hostile Douyin payloads through the runtime (%s): %d events, %d dead-lettered with a reason, "
                + "%d orders stored, %d the real order unchanged%n", kind, events.size(), dead, stored, same);

        // the pull's path: an order the connector fails on is dead-lettered and the pull goes on past it
        SimOrder buggy = sim.book().create();
        sim.book().pay(buggy.orderId);
        shop.mapBug = p -> p.contains(buggy.orderId);
        String deadPulled = "SELECT COUNT(*) FROM channel_dead_letter WHERE source = 'pull' AND platform_order_id = '"
                + buggy.orderId + "' AND reason LIKE '%NullPointerException%'";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            runtime.pull("douyin", "4463798");
            return count(ds, deadPulled) > 0;
        });
        SimOrder after = sim.book().create();
        sim.book().pay(after.orderId);
        pulledIn(runtime, after.orderId); // the pull went on past the order it could not map
        assertEquals(1, count(ds, deadPulled));
    }

    /** Pulls until the order is on the node (the platform's clock and the window's end are in whole seconds). */
    private void pulledIn(ChannelRuntime runtime, String platformOrderId) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            runtime.pull("douyin", "4463798");
            return orders.findByPlatformId("douyin", "4463798", platformOrderId).isPresent();
        });
    }

    /** The first rows of a query, as text. */
    private static String rows(DataSource ds, String sql) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            for (int n = 0; n < 20 && rs.next(); n++) {
                b.append('\n');
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    b.append(rs.getString(k)).append(" | ");
                }
            }
        }
        return b.toString();
    }

    /** The stored order's row as text, to compare before and after. */
    private static String orderRow(DataSource ds, String platformOrderId) throws Exception {
        try (Connection c = ds.getConnection(); var ps = c.prepareStatement("SELECT * FROM orders WHERE platform_order_id = ?")) {
            ps.setString(1, platformOrderId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                StringBuilder b = new StringBuilder();
                for (int k = 1; k <= rs.getMetaData().getColumnCount(); k++) {
                    b.append(rs.getMetaData().getColumnName(k)).append('=').append(rs.getString(k)).append(';');
                }
                return b.toString();
            }
        }
    }

    /** Waits until every order is on the node in the platform's status; {@code cancelled} is cancelled there. */
    private void endsAsTheBookHasIt(ChannelRuntime runtime, DouyinSimulator sim, List<String> ids, String cancelled) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            runtime.processDueEvents();
            return ids.stream().allMatch(id -> orders.findByPlatformId("douyin", "4463798", id)
                    .map(o -> o.content().platformStatus().equals(statusOf(sim, id))).orElse(false));
        });
        assertEquals(ChannelFacts.ChannelState.CANCELLED,
                orders.findByPlatformId("douyin", "4463798", cancelled).orElseThrow().content().facts().state());
    }

    private static Shop s(ChannelRuntime runtime) {
        return runtime.shop("douyin", "4463798");
    }

    /** The node's webhook route over real HTTP, answering 503 while {@code down}: the URL Douyin pushes to. */
    private String pushUrl(WebhookHttpApi api, AtomicBoolean down) throws IOException {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        receiver.createContext("/", ex -> {
            try (ex; InputStream in = ex.getRequestBody()) {
                Map<String, String> headers = new HashMap<>();
                ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                HttpReply r = down.get() ? new HttpReply(503, "{\"error\":\"down\"}")
                        : api.handle(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, Map.of(),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8));
                byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
                ex.sendResponseHeaders(r.status(), b.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(b);
                }
            } catch (IOException e) {
                throw e;
            }
        });
        receiver.start();
        open.add(() -> receiver.stop(0));
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + WebhookHttpApi.BASE + "/douyin/push";
    }

    /** Waits until the simulator's push counters stop moving for a second (nothing in flight or held back). */
    private static void settled(DouyinSimulator sim) {
        long[] last = { -1 };
        long[] since = { System.nanoTime() };
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, Long> c = sim.counters();
            long sum = c.getOrDefault("pushesDelivered", 0L) + c.getOrDefault("pushRetries", 0L)
                    + c.getOrDefault("pushesFailed", 0L);
            if (sum != last[0]) {
                last[0] = sum;
                since[0] = System.nanoTime();
            }
            return System.nanoTime() - since[0] > 1_000_000_000L;
        });
    }

    private static String statusOf(DouyinSimulator sim, String id) {
        SimOrder o = sim.book().get(id).orElseThrow();
        return switch (o.status) {
            case UNPAID -> "1";
            case PAID -> "2";
            case PARTLY_SHIPPED -> "101";
            case SHIPPED -> "3";
            case DELIVERED -> "5";
            case CANCELLED -> "4";
        };
    }

    private static long count(DataSource ds, String sql) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long exchanges(Lanes lanes, String route) {
        var managed = lanes.camel().getExtension(org.apache.camel.api.management.ManagedCamelContext.class)
                .getManagedRoute(route);
        return managed == null ? 0 : managed.getExchangesTotal(); // the route starts once the shop's vocabulary is read
    }
}
