package org.ordertower.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.commons.dbcp2.BasicDataSource;
import org.ordertower.api.Order;
import org.ordertower.api.channel.ChannelConnector;
import org.ordertower.api.channel.PullPage;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PullReport;
import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.channel.douyin.internal.DouyinConnector;
import org.ordertower.channel.douyin.internal.DouyinSettings;
import org.ordertower.sim.douyin.DouyinSimulator;
import org.ordertower.channel.jd.internal.JdConnector;
import org.ordertower.channel.jd.internal.JdSettings;
import org.ordertower.sim.jd.JdSimulator;
import org.ordertower.channel.pdd.internal.PddConnector;
import org.ordertower.channel.pdd.internal.PddSettings;
import org.ordertower.sim.pdd.PddSimulator;
import org.ordertower.channel.taobao.internal.TaobaoConnector;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.channels.internal.ChannelRuntime;
import org.ordertower.channels.internal.DelegatingConnector;
import org.ordertower.jdbc.TestDatabases;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.spi.http.HttpReply;
import org.ordertower.core.internal.http.WebhookHttpApi;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;

import com.sun.net.httpserver.HttpServer;

/**
 * Channel benchmark (a {@code main}, not a test), with the real connectors against their platforms'
 * simulators over real HTTP and the real channel runtime and order service on H2:
 * <ul>
 * <li>{@code map}: orders/s of {@code connector.map} on one thread, per connector, over payloads pulled once
 * through the connector;</li>
 * <li>{@code pull}: orders/s of {@link ChannelRuntime#pull} storing a seeded Taobao shop into H2;</li>
 * <li>{@code lag-*}: the lag from an order placed on the platform to the order stored, with the runtime's own
 * timers, while the simulator generates orders: a pull-only channel with the platform's advised lag
 * ({@code lag-pull-advised}) and with none ({@code lag-pull-0}), the Douyin webhook ({@code lag-webhook}) and the
 * Taobao message queue ({@code lag-messages}).</li>
 * </ul>
 * Options: {@code --run map,pull,lag-pull-0,lag-pull-advised,lag-webhook,lag-messages} (default all),
 * {@code --channels taobao,jd,douyin,pdd --map-orders 5000 --warmup 5 --seconds 5 --pull-orders 10000 --rate 300
 * --lag-warmup 10 --lag-seconds 60 * --pull-channel pdd --pull-interval-ms 2000}.
 *
 * <p>Run: {@code tests/benchmarks/run.sh channel --run map,pull} (see docs/benchmarks.md).
 */
public final class ChannelBench {
    private static final List<String> CHANNELS = List.of("taobao", "jd", "douyin", "pdd");
    private static final List<String> CASES = List.of("map", "pull", "lag-pull-0", "lag-pull-advised", "lag-webhook",
            "lag-messages");
    /** core's production default ({@code channel.message.interval.ms}), and the other runtime defaults. */
    private static final Duration MESSAGE_INTERVAL = Duration.ofMillis(2000);
    private static final AtomicInteger APPS = new AtomicInteger();
    private static volatile long sink;

    private ChannelBench() {
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        System.out.printf(Locale.ROOT, "ChannelBench %s, %d cores, Java %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (String run : a.list("run", String.join(",", CASES))) {
            switch (run) {
                case "map" -> mapRates(a);
                case "pull" -> pullRate(a);
                case "lag-pull-0" -> pullLag(a, false);
                case "lag-pull-advised" -> pullLag(a, true);
                case "lag-webhook" -> printLag(a, "douyin", "webhook (the platform pushes to core's route)",
                        UnaryOperator.identity());
                case "lag-messages" -> printLag(a, "taobao", "TMC messages (consumed every " + MESSAGE_INTERVAL.toMillis()
                        + " ms)", UnaryOperator.identity());
                default -> throw new IllegalArgumentException("unknown case " + run + "; cases: " + CASES);
            }
            System.out.printf(Locale.ROOT, "(load average after %s: %.1f)%n", run,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        System.exit(0); // the simulators' and runtimes' daemon threads aside, nothing is left to wait for
    }

    // ---- 1. mapping per connector, and the end-to-end pull

    private static void mapRates(Args a) throws Exception {
        int n = a.integer("map-orders", 5000);
        Duration warmup = Duration.ofSeconds(a.integer("warmup", 5));
        Duration measure = Duration.ofSeconds(a.integer("seconds", 5));
        System.out.printf(Locale.ROOT, "%n== connector.map on one thread (%d orders seeded, %d s warm-up, %d s measured)%n",
                n, warmup.toSeconds(), measure.toSeconds());
        System.out.printf(Locale.ROOT, "%-8s %9s %10s %12s %10s %14s%n", "channel", "payloads", "avg chars", "orders/s",
                "us/order", "CPU us/order");
        for (String channel : a.list("channels", String.join(",", CHANNELS))) {
            try (Platform p = Platform.start(channel, null)) {
                // whole seconds, as the runtime pulls: a page token names its window exactly
                Instant to = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(5));
                Instant from = to.minus(Duration.ofHours(10));
                p.book().seed(n, from, to);
                List<String> payloads = pullPayloads(p.connector(), from, to.plusSeconds(1));
                mapFor(p, payloads, warmup);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long mapped = mapFor(p, payloads, measure);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double chars = payloads.stream().mapToInt(String::length).average().orElse(0);
                System.out.printf(Locale.ROOT, "%-8s %9d %10.0f %12.0f %10.1f %14.1f%n", channel, payloads.size(), chars,
                        mapped / seconds, seconds * 1e6 / mapped, cpuSeconds * 1e6 / mapped);
            }
        }
    }

    /** Every order of {@code [from, to)} once, window by window (the connector's longest) and page by page. */
    private static List<String> pullPayloads(ChannelConnector c, Instant from, Instant to) {
        Duration window = c.pullPolicy().maxWindow();
        List<String> out = new ArrayList<>();
        for (Instant f = from; f.isBefore(to); f = f.plus(window)) {
            Instant t = f.plus(window).isBefore(to) ? f.plus(window) : to;
            String page = null;
            do {
                PullPage p = c.pull(f, t, page);
                p.orders().forEach(o -> out.add(o.payload()));
                page = p.next();
            } while (page != null);
        }
        return out;
    }

    /** Maps the payloads round and round for {@code d}; returns how many it mapped. */
    private static long mapFor(Platform p, List<String> payloads, Duration d) {
        long end = System.nanoTime() + d.toNanos();
        long n = 0;
        long lines = 0;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 64; i++) {
                lines += p.connector().map(p.shop(), payloads.get((int) (n++ % payloads.size()))).lines().size();
            }
        }
        sink += lines;
        return n;
    }

    private static void pullRate(Args a) throws Exception {
        int n = a.integer("pull-orders", 10_000);
        System.out.printf(Locale.ROOT, "%n== ChannelRuntime.pull into H2 (taobao simulator, %d orders over 20 h)%n", n);
        try (Node node = new Node(); Platform p = Platform.start("taobao", null)) {
            Instant now = Instant.now();
            p.book().seed(n, now.minus(Duration.ofHours(20)), now.minus(Duration.ofMinutes(5)));
            ChannelRuntime runtime = node.runtime(false);
            runtime.add(p.connector());
            long t0 = System.nanoTime();
            PullReport r = runtime.pull(p.channel(), p.shop());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT,
                    "%d orders stored in %.2f s: %.0f orders/s (%d windows, %d pages, %d dead letters)%n",
                    r.stored(), seconds, r.stored() / seconds, r.windows(), r.pages(), r.deadLettered());
        }
    }

    // ---- 2. lag from the platform's change to the order stored

    private static void pullLag(Args a, boolean advisedLag) throws Exception {
        String channel = a.string("pull-channel", "pdd");
        Duration interval = Duration.ofMillis(a.integer("pull-interval-ms", 2000));
        UnaryOperator<ChannelConnector> policy = c -> {
            PullPolicy real = c.pullPolicy();
            Duration lag = advisedLag ? real.lag() : Duration.ZERO;
            return new DelegatingConnector(c,
                    new PullPolicy(real.maxWindow(), real.overlap(), lag, interval, real.maxLookBack()));
        };
        printLag(a, channel, advisedLag ? "pull, the connector's advised lag" : "pull with NO lag", policy);
    }

    /**
     * Runs the runtime with its timers against a simulator generating orders for a warm-up and then the measured
     * time, waits for the measured orders to be stored, and prints their lag. A push path waits a minute at most; a
     * pull path a minute beyond its lag.
     */
    private static void printLag(Args a, String channel, String path, UnaryOperator<ChannelConnector> wrap)
            throws Exception {
        double rate = a.integer("rate", 300);
        Duration warmup = Duration.ofSeconds(a.integer("lag-warmup", 10));
        Duration measure = Duration.ofSeconds(a.integer("lag-seconds", 60));
        try (Node node = new Node()) {
            ChannelRuntime runtime = node.runtime(true);
            String pushUrl = channel.equals("douyin") ? node.webhook(runtime, channel) : null;
            try (Platform p = Platform.start(channel, pushUrl)) {
                Placed placed = new Placed(p.platformId());
                p.book().listen(placed);
                ChannelConnector added = wrap.apply(p.connector());
                PullPolicy policy = added.pullPolicy();
                boolean pull = path.startsWith("pull");
                Duration drain = Duration.ofSeconds(60).plus(pull ? policy.lag() : Duration.ZERO);
                System.out.printf(Locale.ROOT, "%n== lag, %s %s%s: %.0f orders/min, %d s warm-up, %d s measured%n", channel,
                        path, pull ? String.format(Locale.ROOT, " (%d s), pull every %d ms", policy.lag().toSeconds(),
                                policy.interval().toMillis()) : "", rate, warmup.toSeconds(), measure.toSeconds());
                runtime.add(added);
                p.sim().rate(rate, false);
                Thread.sleep(warmup.toMillis());
                placed.recording = true;
                Thread.sleep(measure.toMillis());
                placed.recording = false;
                p.sim().rate(0, false);
                List<Long> lags = awaitStored(node, p, placed.at, drain);
                System.out.println(Lags.of(lags, placed.at.size()));
                System.out.println("first versions stored by path: " + node.createdBySource(channel)
                        + "; inbox rows by outcome: " + node.inboxOutcomes(channel));
            }
        }
    }

    /** Waits up to {@code drain} for the orders to be stored; returns their lags in ms (received minus placed). */
    private static List<Long> awaitStored(Node node, Platform p, Map<String, Instant> placed, Duration drain)
            throws InterruptedException {
        Map<String, Instant> waiting = new HashMap<>(placed);
        List<Long> lags = new ArrayList<>();
        long deadline = System.nanoTime() + drain.toNanos();
        while (!waiting.isEmpty() && System.nanoTime() < deadline) {
            for (Iterator<Map.Entry<String, Instant>> it = waiting.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Instant> e = it.next();
                Optional<Order> stored = node.orders.findByPlatformId(p.channel(), p.shop(), e.getKey());
                if (stored.isPresent()) {
                    lags.add(Duration.between(e.getValue(), stored.get().receivedAt()).toMillis());
                    it.remove();
                }
            }
            Thread.sleep(250);
        }
        return lags;
    }

    /**
     * Hears the book: the orders placed (already paid, so visible on every platform's API at once) while recording,
     * by the platform's id, with the platform's time of the change ({@code created}, equal to {@code modified} and
     * {@code paidAt}).
     */
    private static final class Placed implements Consumer<SimOrderBook.Event> {
        final Map<String, Instant> at = new ConcurrentHashMap<>();
        final Function<SimOrder, String> platformId;
        volatile boolean recording;

        Placed(Function<SimOrder, String> platformId) {
            this.platformId = platformId;
        }

        @Override
        public void accept(SimOrderBook.Event e) {
            if (recording && e.change() == SimOrderBook.Change.CREATED && e.order().paidAt != null) {
                at.put(platformId.apply(e.order()), e.order().created);
            }
        }
    }

    /** Lag statistics in ms. */
    private record Lags(int count, int missing, long p50, long p99, long max) {
        static Lags of(List<Long> lags, int placed) {
            long[] s = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            return new Lags(s.length, placed - s.length, rank(s, 50), rank(s, 99), s.length == 0 ? -1 : s[s.length - 1]);
        }

        private static long rank(long[] sorted, int percent) {
            return sorted.length == 0 ? -1 : sorted[Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "orders %d (not stored in time: %d)  p50 %,d ms  p99 %,d ms  max %,d ms",
                    count, missing, p50, p99, max);
        }
    }

    // ---- a node: H2, the real order service and channel runtimes

    private static final class Node implements AutoCloseable {
        final BasicDataSource ds;
        final Database db;
        final GroupCommitWriter writer;
        final DefaultOrderService orders;
        private final List<AutoCloseable> open = new ArrayList<>();

        Node() throws Exception {
            ds = TestDatabases.pooled("h2", 12);
            db = new Database(ds);
            OrderStore.migrator(ds).migrate();
            OrderStore store = new OrderStore();
            OrderIntake intake = new OrderIntake(store, new OrderJson());
            writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), () -> { }, 256, 20_000, 30_000);
            orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.copyOf(CHANNELS),
                    () -> { });
        }

        /** A runtime with core's defaults; {@code schedule} runs its pull and message timers. */
        ChannelRuntime runtime(boolean schedule) {
            ChannelRuntime r = new ChannelRuntime(db, orders, Clock.systemUTC(), new ChannelRuntime.Options("bench-node",
                    Duration.ofHours(24), MESSAGE_INTERVAL, 8, 10, Duration.ofDays(7), schedule));
            open.add(r);
            return r;
        }

        /** A JDK HTTP server handing every request to the webhook route, as the node's HTTP service does; its push URL. */
        String webhook(ChannelRuntime runtime, String channel) throws IOException {
            WebhookHttpApi api = new WebhookHttpApi(() -> Optional.of(runtime), Clock.systemUTC(), new OrderJson());
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
            server.createContext("/", ex -> {
                try (ex; InputStream in = ex.getRequestBody()) {
                    Map<String, String> headers = new HashMap<>();
                    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.get(0)));
                    HttpReply r = api.handle(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, Map.of(),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    byte[] b = r.body().getBytes(StandardCharsets.UTF_8);
                    ex.sendResponseHeaders(r.status(), b.length);
                    try (OutputStream out = ex.getResponseBody()) {
                        out.write(b);
                    }
                }
            });
            server.start();
            open.add(() -> server.stop(0));
            return "http://127.0.0.1:" + server.getAddress().getPort() + WebhookHttpApi.BASE + "/" + channel + "/push";
        }

        /** How each order's first version came in: pull, push or message. */
        Map<String, Long> createdBySource(String channel) throws Exception {
            return counts("SELECT source, COUNT(*) FROM inbox WHERE channel = ? AND outcome = 'CREATED' GROUP BY source",
                    channel);
        }

        /** Every payload the intake received, by outcome (a duplicate is a payload pulled or pushed again). */
        Map<String, Long> inboxOutcomes(String channel) throws Exception {
            return counts("SELECT outcome, COUNT(*) FROM inbox WHERE channel = ? GROUP BY outcome", channel);
        }

        private Map<String, Long> counts(String sql, String channel) throws Exception {
            Map<String, Long> out = new TreeMap<>();
            try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, channel);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws Exception {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
            writer.close();
            ds.close();
        }
    }

    // ---- a platform: its simulator on port 0, with its own app, and a real connector against it

    private record Platform(String channel, String shop, RunningSimulator sim, SimOrderBook book, ChannelConnector connector,
            Function<SimOrder, String> platformId) implements AutoCloseable {
        /** PDD's order_sn: the day placed in Beijing, a dash, the number (as PDD's simulator renders it). */
        private static final DateTimeFormatter PDD_DAY = DateTimeFormatter.ofPattern("yyMMdd")
                .withZone(ZoneId.of("Asia/Shanghai"));

        /** Starts the channel's simulator ({@code pushUrl} for Douyin's pushes, may be null) and builds its connector. */
        static Platform start(String channel, String pushUrl) {
            int app = APPS.incrementAndGet();
            long unique = ProcessHandle.current().pid() * 100 + app;
            return switch (channel) {
                case "taobao" -> taobao("21" + unique);
                case "jd" -> jd("jd-bench-" + unique);
                case "douyin" -> douyin(String.format(Locale.ROOT, "71%017d", unique), pushUrl);
                case "pdd" -> pdd("pdd-bench-" + unique);
                default -> throw new IllegalArgumentException("unknown channel " + channel + "; channels: " + CHANNELS);
            };
        }

        /** The simulators allow 1,000 calls a second and the connectors make them, so no rate limit slows the bench. */
        private static Map<String, String> settings(String appKey, String secret, String shop, String... more) {
            Map<String, String> s = new HashMap<>(Map.of("appKey", appKey, "appSecret", secret, "shop", shop,
                    "ratePerSecond", "1000"));
            for (int i = 0; i < more.length; i += 2) {
                s.put(more[i], more[i + 1]);
            }
            return s;
        }

        private static SimulatorOptions options(Map<String, String> settings) {
            return new SimulatorOptions(0, 0, false, settings);
        }

        private static Platform taobao(String appKey) {
            TaobaoSimulator sim = TaobaoSimulator.start(options(settings(appKey, "tb-secret", "tea-shop")));
            TaobaoSettings s = TaobaoSettings.of(sim.gatewayUrl(), sim.oauthUrl(), sim.appKey(), "tb-secret", "tea-shop",
                    sim.accessToken(), sim.refreshToken(), null, Clock.systemUTC()).withRates(1000, 1000);
            return new Platform("taobao", "tea-shop", sim, sim.book(), new TaobaoConnector(s, null), o -> o.orderId);
        }

        private static Platform jd(String appKey) {
            JdSimulator sim = JdSimulator.start(options(settings(appKey, "jd-secret", "jd-shop")));
            JdSettings s = new JdSettings(sim.gatewayUrl(), sim.oauthUrl(), sim.appKey(), sim.appSecret(), "jd-shop",
                    sim.accessToken(), sim.refreshToken(), null, null, 1000, 1000, Duration.ofSeconds(10), 50,
                    Clock.systemUTC());
            return new Platform("jd", "jd-shop", sim, sim.book(), new JdConnector(s), o -> o.orderId);
        }

        private static Platform douyin(String appKey, String pushUrl) {
            Map<String, String> settings = pushUrl == null ? settings(appKey, "dy-secret", "4463798")
                    : settings(appKey, "dy-secret", "4463798", "pushUrl", pushUrl);
            DouyinSimulator sim = DouyinSimulator.start(options(settings));
            Map<String, String> token = sim.issueToken();
            DouyinSettings s = DouyinSettings.of(sim.gatewayUrl(), appKey, "dy-secret", "4463798")
                    .withTokens(token.get("access_token"), token.get("refresh_token"), null).withRates(1000, 1000);
            return new Platform("douyin", "4463798", sim, sim.book(), new DouyinConnector(s), o -> o.orderId);
        }

        private static Platform pdd(String appKey) {
            PddSimulator sim = PddSimulator.start(options(settings(appKey, "pdd-secret", "mall-7")));
            PddSettings s = new PddSettings(sim.gatewayUrl(), sim.clientId(), sim.clientSecret(), "mall-7",
                    sim.accessToken(), sim.refreshToken(), null, null, 1000, 1000, Duration.ofSeconds(10), 100,
                    Clock.systemUTC());
            return new Platform("pdd", "mall-7", sim, sim.book(), new PddConnector(s),
                    o -> PDD_DAY.format(o.created) + "-" + o.orderId);
        }

        @Override
        public void close() {
            book.close();
            sim.close();
        }
    }

    // ---- options

    private static final class Args {
        private final Map<String, String> values = new LinkedHashMap<>();

        Args(String[] argv) {
            for (int i = 0; i < argv.length; i++) {
                if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                    throw new IllegalArgumentException("expected --name value, got " + Arrays.toString(argv));
                }
                values.put(argv[i].substring(2), argv[++i]);
            }
        }

        String string(String name, String otherwise) {
            return values.getOrDefault(name, otherwise);
        }

        int integer(String name, int otherwise) {
            return Integer.parseInt(string(name, String.valueOf(otherwise)));
        }

        List<String> list(String name, String otherwise) {
            return Arrays.stream(string(name, otherwise).split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
    }
}
