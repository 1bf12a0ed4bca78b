package org.ordertower.sim.example;

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
 * A strict fake of the Example Mall open platform for one app and one shop, on 127.0.0.1: the gateway
 * ({@link ExampleSimGateway}) and its methods ({@link ExampleSimMethods}). Settings
 * ({@link SimulatorOptions#settings()}): {@code appKey} (default {@code example-sim-app}), {@code appSecret} (default
 * {@code example-sim-secret}), {@code shop} (default {@code example-sim-shop}), {@code tokenTtlSeconds} (access token
 * lifetime, default 7200), {@code ratePerSecond} (calls a second the app may make, default 50),
 * {@code timestampToleranceSeconds} (default 300), {@code seed} (default 42). The platform has no push side. Tests
 * read back what the calls did with {@link #shipments()} and {@link #stockOf(String)}.
 */
public final class ExampleSimulator extends SimChannelSimulator {
    /** The gateway path. */
    public static final String ROUTER = "/router";

    private final Clock clock;
    private final String appKey;
    private final String appSecret;
    private final SimTokenBook tokens;
    private final SimTokenBook.Issued initial;
    private final List<Shipped> shipped = new ArrayList<>();

    /** A shipment the simulator accepted, as order.ship carried it. */
    public record Shipped(String orderId, String carrierCode, String trackingNo) {
    }

    private ExampleSimulator(SimulatorOptions options, Clock clock) {
        super("example", options.port(), new SimOrderBook(clock,
                Long.parseLong(options.settings().getOrDefault("seed", "42")),
                options.settings().getOrDefault("shop", "example-sim-shop"), 7_100_000_000L,
                FakeData.listings(5_300_000L)));
        Map<String, String> s = options.settings();
        this.clock = clock;
        this.appKey = s.getOrDefault("appKey", "example-sim-app");
        this.appSecret = s.getOrDefault("appSecret", "example-sim-secret");
        this.tokens = new SimTokenBook(clock, Long.parseLong(s.getOrDefault("tokenTtlSeconds", "7200")),
                "example-sim-", true);
        server().route(ROUTER, new ExampleSimGateway(this, new ExampleSimMethods(this, book()), clock,
                Double.parseDouble(s.getOrDefault("ratePerSecond", "50")),
                Long.parseLong(s.getOrDefault("timestampToleranceSeconds", "300"))));
        this.initial = tokens.issue();
    }

    /** Starts a simulator on the system clock. */
    public static ExampleSimulator start(SimulatorOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** Starts a simulator; orders are generated at the options' rate. */
    public static ExampleSimulator start(SimulatorOptions options, Clock clock) {
        return begin(new ExampleSimulator(options, clock), options);
    }

    @Override
    public String gatewayUrl() {
        return server().baseUrl() + ROUTER;
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

    /** The quantity the last stock call set for this SKU id, empty when none did. */
    public Optional<Integer> stockOf(String skuId) {
        return Optional.ofNullable(book().stock().get(skuId));
    }

    synchronized void recordShipment(String orderId, String carrierCode, String trackingNo) {
        shipped.add(new Shipped(orderId, carrierCode, trackingNo));
        count("shipments");
    }

    Clock clock() {
        return clock;
    }

    SimTokenBook.Status tokenStatus(String token) {
        return tokens.check(token);
    }

    /** A fresh pair for a refresh token this simulator issued (the refresh token rotates), or null. */
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
        return shopConfiguration(appKey, appSecret, accessToken(), refreshToken(), Map.of());
    }

    /**
     * {@code java -jar ordertower-sim-example-<version>-sim.jar --port 8290 --rate 60 [--peak] --app-key K
     * --app-secret S --shop SHOP}; prints the gateway URL and the tokens a client should use.
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine.run(args, 8290, "Example Mall simulator", ExampleSimulator::start);
    }
}
