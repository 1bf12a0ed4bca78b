package org.ordertower.sim.pdd;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimChannelSimulator;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimOrder;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimTokenBook;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A strict fake of Pinduoduo's router gateway for one app and one shop, on 127.0.0.1. Settings
 * ({@link SimulatorOptions#settings()}): {@code appKey} (client_id, default {@code pdd-sim-client}),
 * {@code appSecret} (default {@code pdd-sim-secret}), {@code shop} (default {@code pdd-sim-shop}),
 * {@code tokenTtlSeconds} (access token lifetime, default 86400), {@code ratePerSecond} (calls a second the app
 * may make, default 50), {@code seed} (default 42). The message service ({@link PddSimMessages}, a WebSocket on its
 * own port, {@link #messageUrl()}) takes {@code mallId} (the shop's numeric mall id, default 468512347),
 * {@code messagePort} (0), {@code redeliverMillis} (unacknowledged messages are sent again after this, default
 * 60000), {@code heartbeatMillis} (5000), {@code messageToleranceSeconds} (600), {@code duplicatePushes} and
 * {@code shufflePushes} (false). {@code pushUrl} does not apply: PDD has no HTTP push.
 *
 * <p>Besides orders it serves PDD's logistics company list ({@link PddSimLogistics}, whose available ids are the only
 * ones the ship call takes) and the shop's goods list ({@link PddSimGoods}, the book's listings). Tests read back
 * what the write-backs did with {@link #shipment(String)} and {@link #quantity(String, String)}.
 */
public final class PddSimulator extends SimChannelSimulator {
    /** The gateway path, as on gw-api.pinduoduo.com. */
    public static final String PATH = "/api/router";

    private final String clientId;
    private final String clientSecret;
    private final SimTokenBook tokens;
    private final SimTokenBook.Issued initial;
    private final PddSimMessages messages;
    private final PddSimGoods goods;
    private final List<Shipped> shipments = new ArrayList<>();

    /**
     * A first delivery the ship call accepted.
     *
     * @param orderSn the order
     * @param logisticsId the logistics_id it was shipped with
     * @param logisticsCompany that company's name on PDD's list
     * @param trackingNumber the tracking number written
     */
    public record Shipped(String orderSn, long logisticsId, String logisticsCompany, String trackingNumber) {
    }

    private PddSimulator(SimulatorOptions options, Clock clock) {
        super("pdd", options.port(), new SimOrderBook(clock, seed(options),
                options.settings().getOrDefault("shop", "pdd-sim-shop"), 422796379670125L, FakeData.listings(395618321000L)));
        Map<String, String> s = options.settings();
        this.clientId = s.getOrDefault("appKey", "pdd-sim-client");
        this.clientSecret = s.getOrDefault("appSecret", "pdd-sim-secret");
        this.tokens = new SimTokenBook(clock, Long.parseLong(s.getOrDefault("tokenTtlSeconds", "86400")), "sim-", false);
        double rate = Double.parseDouble(s.getOrDefault("ratePerSecond", "50"));
        ObjectMapper json = new ObjectMapper();
        PddSimRenderer renderer = new PddSimRenderer(json, new PddSimCipher(clientSecret + ":" + book().shopId()));
        this.goods = new PddSimGoods(book(), 1_700_000_000L);
        server().route(PATH, new PddSimGateway(this, book(), renderer, goods, json, clock, rate));
        this.initial = tokens.issue();
        this.messages = new PddSimMessages(this, clock, json, s, seed(options));
        messages.listen(book());
    }

    private static long seed(SimulatorOptions options) {
        return Long.parseLong(options.settings().getOrDefault("seed", "42"));
    }

    /** Starts a simulator on the system clock. */
    public static PddSimulator start(SimulatorOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** Starts a simulator; orders are generated at the options' rate. */
    public static PddSimulator start(SimulatorOptions options, Clock clock) {
        return begin(new PddSimulator(options, clock), options);
    }

    @Override
    public String gatewayUrl() {
        return server().baseUrl() + PATH;
    }

    /** The message service's URL without the signed part: {@code ws://127.0.0.1:<port>/message}. */
    public String messageUrl() {
        return messages.url();
    }

    /** The shop's numeric mall id, as messages carry it ({@code mallID}). */
    public long mallId() {
        return messages.mallId();
    }

    /** Messages sent but not acknowledged yet (and those waiting for a connection). */
    public int pendingMessages() {
        return messages.pendingCount();
    }

    /** The message service goes away (connections closed with 1001, new ones refused) until {@link #messagesUp()}. */
    public void messagesDown() {
        messages.down();
    }

    /** The message service is back on the same port. */
    public void messagesUp() {
        messages.up();
    }

    /** Drops every message connection without a closing handshake, as a network failure would. */
    public void dropMessageConnections() {
        messages.dropConnections();
    }

    /** The app's client_id and secret the gateway accepts. */
    public String clientId() {
        return clientId;
    }

    public String clientSecret() {
        return clientSecret;
    }

    /** The token pair issued at start, as a merchant's authorisation would give it. */
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

    /** The accepted ship call of this order (PDD ships an order once), if any. */
    public synchronized Optional<Shipped> shipment(String orderSn) {
        return shipments.stream().filter(s -> s.orderSn().equals(orderSn)).findFirst();
    }

    /** Every accepted ship call, oldest first. */
    public synchronized List<Shipped> shipments() {
        return List.copyOf(shipments);
    }

    /**
     * The quantity the stock call last set for SKU {@code skuId} of goods {@code goodsId}; null when no stock call set
     * it, or when the goods has no such SKU.
     */
    public Integer quantity(String goodsId, String skuId) {
        PddSimGoods.Goods g = goods.get(goodsId);
        if (g == null || g.skus().stream().noneMatch(s -> s.skuId().equals(skuId))) {
            return null;
        }
        return book().stock().get(skuId);
    }

    /** The name of this logistics_id on PDD's list, or null when the list has no such id. */
    public String logisticsCompany(long logisticsId) {
        PddSimLogistics.Company c = PddSimLogistics.byId(logisticsId);
        return c == null ? null : c.name();
    }

    synchronized void recordShipment(Shipped shipped) {
        shipments.add(shipped);
    }

    boolean tokenValid(String token) {
        return tokens.valid(token);
    }

    /** A new access token for a known refresh token (which stays valid), or null. */
    SimTokenBook.Issued refresh(String refreshToken) {
        SimTokenBook.Issued issued = tokens.refresh(refreshToken);
        if (issued != null) {
            count("tokenRefreshes");
        }
        return issued;
    }

    void count(String name) {
        server().count(name, 1);
    }

    @Override
    protected void addCounters(Map<String, Long> counters) {
        counters.put("messages.pending", (long) messages.pendingCount());
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return shopConfiguration(clientId, clientSecret, accessToken(), refreshToken(), Map.of("messageUrl", messageUrl(),
                "mallId", String.valueOf(mallId())));
    }

    @Override
    protected void closePlatform() {
        messages.close();
    }

    /**
     * {@code java -jar ordertower-sim-pdd-<version>-sim.jar --port 8204 --rate 60 [--peak] --app-key K
     * --app-secret S --shop SHOP}; prints the gateway URL, the message URL and the tokens a client should use.
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine.run(args, 8204, "Pinduoduo simulator", PddSimulator::start);
    }

    /** Pinduoduo's order_sn: the day of the order, a dash, the book's id. */
    @Override
    public String platformOrderId(SimOrder order) {
        return PddSimRenderer.orderSn(order);
    }

    /** Pinduoduo's order APIs show no buyer id at all. */
    @Override
    public String platformBuyerId(String buyerId) {
        return null;
    }
}
