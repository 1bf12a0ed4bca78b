package org.ordertower.sim.douyin;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimChannelSimulator;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimTokenBook;

/**
 * A strict fake of the Douyin shop open platform over HTTP: the gateway's checks and error envelope,
 * tokens it issued (create, refresh with rotation, expiry), order.searchList / order.orderDetail over a
 * {@link SimOrderBook} rendered in the platform's shapes (amounts in fen, receiver data encrypted),
 * order.logisticsCompanyList (a fixed list) and order.logisticsAdd (only a company code of that list),
 * product.listV2 / sku.list over the book's listings, sku.syncStock (only SKUs of those listings),
 * order.batchDecrypt (with a quota), and message pushes to {@code pushUrl} (orders, and product changes on
 * {@link #productChanged}). Settings: see {@link DouyinSimSettings} and the module README. Thread-safe.
 */
public final class DouyinSimulator extends SimChannelSimulator {
    /** How long a refresh token works (once: refreshing spends it). */
    static final Duration REFRESH_TTL = Duration.ofDays(14);

    private final DouyinSimSettings settings;
    private final SimTokenBook tokens;
    private final DouyinSimMethods methods;
    private final DouyinSimCatalog catalog;
    private final Clock clock;
    private final DouyinSimPusher pusher;

    private DouyinSimulator(SimulatorOptions options, Clock clock) {
        this(DouyinSimSettings.of(options.settings()), options.port(), clock);
    }

    private DouyinSimulator(DouyinSimSettings settings, int port, Clock clock) {
        super("douyin", port, new SimOrderBook(clock, settings.seed(), settings.shop(), 690_000_000_000_000_000L,
                FakeData.listings(3_500_000_000_000_000_000L)));
        this.clock = clock;
        this.settings = settings;
        this.tokens = new SimTokenBook(clock, Duration.ofSeconds(settings.tokenTtlSeconds()), REFRESH_TTL,
                SimTokenBook.Refresh.ROTATE, SimTokenBook.random("sim-"));
        DouyinSimCipher cipher = new DouyinSimCipher(settings.appSecret() + "|cipher");
        this.catalog = new DouyinSimCatalog(book(), clock.instant());
        this.methods = new DouyinSimMethods(settings, book(), tokens, new DouyinSimRenderer(settings.shop(), cipher), cipher,
                catalog);
        this.pusher = new DouyinSimPusher(settings, server());
        DouyinSimGateway gateway = new DouyinSimGateway(settings, clock, tokens, methods, server());
        book().listen(pusher::onChange);
        server().route("/", gateway::handle);
    }

    /** Starts a simulator; {@code options.port()} 0 takes a free port. */
    public static DouyinSimulator start(SimulatorOptions options) {
        return begin(new DouyinSimulator(options, Clock.systemUTC()), options);
    }

    /** Issues a token pair as token.create would; for demos and tests. */
    public Map<String, String> issueToken() {
        SimTokenBook.Issued p = tokens.issue();
        return Map.of("access_token", p.accessToken(), "refresh_token", p.refreshToken(), "expires_in",
                String.valueOf(tokens.ttlSeconds()));
    }

    /** Makes an access token expire now (tests). */
    public void expireToken(String accessToken) {
        tokens.expire(accessToken);
    }

    /** Ship calls accepted, oldest first: {order id, company code, tracking number}. */
    public List<List<String>> shipments() {
        return methods.shipped().stream().map(s -> List.of(s.orderId(), s.companyCode(), s.trackingNo())).toList();
    }

    /** The company code of the accepted order.logisticsAdd call for this order (the last one), if any. */
    public Optional<String> shippedWith(String orderId) {
        return methods.shipped().stream().filter(s -> s.orderId().equals(orderId)).reduce((a, b) -> b)
                .map(DouyinSimMethods.Shipped::companyCode);
    }

    /**
     * The quantity sku.syncStock last set for SKU {@code skuId} of product {@code productId} (by its id or its outer
     * code), or null when none was set or the SKU is not that product's.
     */
    public Integer quantityOf(String productId, String skuId) {
        return catalog.quantityOf(productId, skuId);
    }

    /** The company codes order.logisticsCompanyList lists (and order.logisticsAdd takes), code to name. */
    public static Map<String, String> logisticsCompanies() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        DouyinSimCatalog.COMPANIES.forEach(c -> out.put(c.code(), c.name()));
        return out;
    }

    /**
     * Pushes a product message (tag 400, doudian_product_change) for product {@code productId}, as the platform does
     * when a product is saved (event 2), goes off sale (10), on sale (11)...; nothing without a push URL.
     *
     * @throws IllegalArgumentException for a product the shop does not have
     */
    public void productChanged(String productId, int event) {
        if (!catalog.hasProduct(productId)) {
            throw new IllegalArgumentException("no product " + productId + " in this shop");
        }
        pusher.productChanged(productId, event, clock.instant());
    }

    public DouyinSimSettings settings() {
        return settings;
    }

    @Override
    public String gatewayUrl() {
        return server().baseUrl();
    }

    @Override
    protected void addCounters(Map<String, Long> counters) {
        counters.put("shipCalls", (long) methods.shipped().size());
        counters.put("stockRecords", (long) book().stock().size());
    }

    /** With a freshly issued token pair. */
    @Override
    public Map<String, String> shopConfiguration() {
        Map<String, String> token = issueToken();
        return shopConfiguration(settings.appKey(), settings.appSecret(), token.get("access_token"),
                token.get("refresh_token"), Map.of());
    }

    @Override
    protected void closePlatform() {
        pusher.close();
    }

    /**
     * {@code java -jar ordertower-sim-douyin-<v>-sim.jar --port 8203 --rate 60 --peak --app-key <19 digits>
     * --app-secret <s> --shop <id> --push-url http://127.0.0.1:8182/api/v1/channels/douyin/push}
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine.run(args, 8203, "Douyin shop simulator", DouyinSimulator::start);
    }

    @Override
    public String platformBuyerId(String buyerId) {
        return DouyinSimRenderer.openId(buyerId);
    }
}
