package org.ordertower.sim.jd;

import java.time.Clock;
import java.util.ArrayList;
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
 * A strict fake of JD's JOS for one app and one POP shop, on 127.0.0.1: the routerjson gateway
 * ({@link JdSimGateway}) and the OAuth refresh endpoint ({@link JdSimOAuth}). Settings
 * ({@link SimulatorOptions#settings()}): {@code appKey} (default {@code jd-sim-app}), {@code appSecret} (default
 * {@code jd-sim-secret}), {@code shop} (default {@code jd-sim-shop}), {@code tokenTtlSeconds} (access token
 * lifetime, default 86400), {@code ratePerSecond} (calls a second the app may make, default 50),
 * {@code timestampToleranceSeconds} (default 360: JOS allows 6 minutes), {@code seed} (default 42). JD pushes through
 * JMQ, which the connector does not consume, so there is no push side ({@code pushUrl}, {@code duplicatePushes},
 * {@code shufflePushes} are ignored). The shop's logistics companies are {@link JdSimCarriers}, its listings the order
 * book's ({@link SimOrderBook#listings()}, the SKUs its orders carry); tests read back what the calls did with
 * {@link #shipments()}, {@link #shippedCarrier(String)} and {@link #stockOf(String)}.
 */
public final class JdSimulator extends SimChannelSimulator {
    /** The gateway path, as on api.jd.com. */
    public static final String ROUTER = "/routerjson";
    /** The OAuth refresh path, as on open-oauth.jd.com. */
    public static final String REFRESH = "/oauth2/refresh_token";

    private final Clock clock;
    private final String appKey;
    private final String appSecret;
    private final SimTokenBook tokens;
    private final SimTokenBook.Issued initial;
    private final List<Shipped> shipped = new ArrayList<>();
    private JdSimRenderer renderer;

    /**
     * A shipment the simulator accepted, as jingdong.pop.order.shipment carried it.
     *
     * @param orderId orderId
     * @param logiCoprId the company id(s), {@code |}-separated as sent
     * @param logiNo the waybill(s), empty for 厂家自送
     */
    public record Shipped(String orderId, String logiCoprId, String logiNo) {
    }

    private JdSimulator(SimulatorOptions options, Clock clock) {
        super("jd", options.port(), new SimOrderBook(clock, Long.parseLong(options.settings().getOrDefault("seed", "42")),
                options.settings().getOrDefault("shop", "jd-sim-shop"), 281046817000L, FakeData.listings(100054887000L)));
        Map<String, String> s = options.settings();
        this.clock = clock;
        this.appKey = s.getOrDefault("appKey", "jd-sim-app");
        this.appSecret = s.getOrDefault("appSecret", "jd-sim-secret");
        this.tokens = new SimTokenBook(clock, Long.parseLong(s.getOrDefault("tokenTtlSeconds", "86400")), "jdsim-", true);
        renderer = new JdSimRenderer(appSecret + "/" + book().shopId());
        server().route(ROUTER, new JdSimGateway(this, book(), renderer, clock,
                Double.parseDouble(s.getOrDefault("ratePerSecond", "50")),
                Long.parseLong(s.getOrDefault("timestampToleranceSeconds", "360"))));
        server().route(REFRESH, new JdSimOAuth(this));
        this.initial = tokens.issue();
    }

    /** Starts a simulator on the system clock. */
    public static JdSimulator start(SimulatorOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** Starts a simulator; orders are generated at the options' rate. */
    public static JdSimulator start(SimulatorOptions options, Clock clock) {
        return begin(new JdSimulator(options, clock), options);
    }

    @Override
    public String gatewayUrl() {
        return server().baseUrl() + ROUTER;
    }

    /** The OAuth host a connector should use ({@code oauthUrl}). */
    public String oauthUrl() {
        return server().baseUrl();
    }

    public String appKey() {
        return appKey;
    }

    public String appSecret() {
        return appSecret;
    }

    /** The token pair issued at start, as the merchant's authorisation gives it. */
    public String accessToken() {
        return initial.accessToken();
    }

    public String refreshToken() {
        return initial.refreshToken();
    }

    /** Makes every access token issued so far expired (refresh tokens stay valid). */
    public void expireAccessTokens() {
        tokens.expireAll();
    }

    /** Every shipment accepted so far, oldest first. */
    public synchronized List<Shipped> shipments() {
        return List.copyOf(shipped);
    }

    /** The company id (logiCoprId) the order was shipped with, empty while it is not shipped. */
    public synchronized Optional<String> shippedCarrier(String orderId) {
        return shipped.stream().filter(s -> s.orderId().equals(orderId)).map(Shipped::logiCoprId).findFirst();
    }

    /** The quantity the last stock call set for this SKU id, empty when none did. */
    public Optional<Integer> stockOf(String skuId) {
        return Optional.ofNullable(book().stock().get(skuId));
    }

    /** The merchant's logistics companies as 360buy.delivery.logistics.get lists them. */
    public List<JdSimCarriers.Company> logisticsCompanies() {
        return JdSimCarriers.COMPANIES;
    }

    synchronized void recordShipment(String orderId, String logiCoprId, String logiNo) {
        shipped.add(new Shipped(orderId, logiCoprId, logiNo));
        count("shipments");
    }

    Clock clock() {
        return clock;
    }

    boolean tokenValid(String token) {
        return tokens.valid(token);
    }

    /** A fresh access token for a refresh token this simulator issued (the refresh token itself rotates), or null. */
    SimTokenBook.Issued refresh(String refreshToken) {
        SimTokenBook.Issued issued = tokens.refresh(refreshToken);
        if (issued != null) {
            count("tokenRefreshes");
        }
        return issued;
    }

    long tokenTtlSeconds() {
        return tokens.ttlSeconds();
    }

    void count(String name) {
        server().count(name, 1);
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return shopConfiguration(appKey, appSecret, accessToken(), refreshToken(), Map.of("oauthUrl", oauthUrl()));
    }

    /**
     * {@code java -jar ordertower-sim-jd-<version>-sim.jar --port 8205 --rate 60 [--peak] --app-key K --app-secret S
     * --shop SHOP}; prints the gateway URL, the OAuth host and the tokens a client should use.
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine.run(args, 8205, "JD JOS simulator", JdSimulator::start);
    }

    @Override
    public String platformBuyerId(String buyerId) {
        return renderer.openId(buyerId);
    }
}
