package org.ordertower.channel.douyin.sim;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ordertower.api.channel.RunningSimulator;
import org.ordertower.api.channel.SimulatorOptions;
import org.ordertower.connector.kit.sim.FakeData;
import org.ordertower.connector.kit.sim.SimCommandLine;
import org.ordertower.connector.kit.sim.SimOrderBook;
import org.ordertower.connector.kit.sim.SimServer;

/**
 * A strict fake of the Douyin shop open platform over HTTP: the gateway's checks and error envelope,
 * tokens it issued (create, refresh with rotation, expiry), order.searchList / order.orderDetail over a
 * {@link SimOrderBook} rendered in the platform's shapes (amounts in fen, receiver data encrypted),
 * order.logisticsAdd, sku.syncStock, order.batchDecrypt (with a quota), and message pushes to
 * {@code pushUrl}. Settings: see {@link DouyinSimSettings} and the module README. Thread-safe.
 */
public final class DouyinSimulator implements RunningSimulator {
    private final DouyinSimSettings settings;
    private final SimServer server;
    private final SimOrderBook book;
    private final DouyinSimTokens tokens;
    private final DouyinSimMethods methods;
    private final DouyinSimPusher pusher;

    private DouyinSimulator(SimulatorOptions options, Clock clock) {
        this.settings = DouyinSimSettings.of(options.settings());
        this.server = new SimServer(options.port());
        this.book = new SimOrderBook(clock, settings.seed(), settings.shop(), 690_000_000_000_000_000L,
                FakeData.listings(3_500_000_000_000_000_000L));
        this.tokens = new DouyinSimTokens(clock, Duration.ofSeconds(settings.tokenTtlSeconds()));
        DouyinSimCipher cipher = new DouyinSimCipher(settings.appSecret() + "|cipher");
        this.methods = new DouyinSimMethods(settings, book, tokens, new DouyinSimRenderer(settings.shop(), cipher), cipher);
        this.pusher = new DouyinSimPusher(settings, server);
        DouyinSimGateway gateway = new DouyinSimGateway(settings, clock, tokens, methods, server);
        book.listen(pusher::onChange);
        server.route("/", gateway::handle);
    }

    /** Starts a simulator; {@code options.port()} 0 takes a free port. */
    public static DouyinSimulator start(SimulatorOptions options) {
        DouyinSimulator sim = new DouyinSimulator(options, Clock.systemUTC());
        sim.server.start();
        sim.book.generate(options.ordersPerMinute(), options.peak());
        return sim;
    }

    /** The order book (tests seed it, change orders, read stock). */
    public SimOrderBook book() {
        return book;
    }

    /** Issues a token pair as token.create would; for demos and tests. */
    public Map<String, String> issueToken() {
        DouyinSimTokens.Pair p = tokens.issue();
        return Map.of("access_token", p.accessToken(), "refresh_token", p.refreshToken(), "expires_in",
                String.valueOf(p.expiresIn()));
    }

    /** Makes an access token expire now (tests). */
    public void expireToken(String accessToken) {
        tokens.expire(accessToken);
    }

    /** Ship calls accepted, oldest first: {order id, company code, tracking number}. */
    public List<List<String>> shipments() {
        return methods.shipped().stream().map(s -> List.of(s.orderId(), s.companyCode(), s.trackingNo())).toList();
    }

    /** The HTTP server (tests read its recorded calls). */
    public SimServer server() {
        return server;
    }

    public DouyinSimSettings settings() {
        return settings;
    }

    @Override
    public String channelId() {
        return "douyin";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String gatewayUrl() {
        return server.baseUrl();
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new HashMap<>(server.counters());
        c.put("orders", (long) book.size());
        c.put("shipCalls", (long) methods.shipped().size());
        c.put("stockRecords", (long) book.stock().size());
        return c;
    }

    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        book.generate(ordersPerMinute, peak);
    }

    @Override
    public Map<String, String> shopConfiguration() {
        Map<String, String> token = issueToken();
        return Map.of("shop", settings().shop(), "appKey", settings().appKey(), "appSecret", settings().appSecret(),
                "accessToken", token.get("access_token"), "refreshToken", token.get("refresh_token"), "gatewayUrl", gatewayUrl());
    }

    @Override
    public void close() {
        book.close();
        pusher.close();
        server.close();
    }

    /**
     * {@code java -jar ordertower-channel-douyin-<v>-sim.jar --port 8203 --rate 60 --peak --app-key <19 digits>
     * --app-secret <s> --shop <id> --push-url http://127.0.0.1:8181/webhook/douyin}
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8203);
        DouyinSimulator sim = start(new SimulatorOptions(line.port(), line.rate(), line.peak(), line.settings()));
        SimCommandLine.serve("Douyin shop simulator", sim.shopConfiguration(), sim);
    }

}
