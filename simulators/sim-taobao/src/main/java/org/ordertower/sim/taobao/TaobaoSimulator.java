package org.ordertower.sim.taobao;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTopError;
import org.ordertower.sim.kit.SimTopGateway;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A strict fake of the TOP gateway ({@code /router/rest}) and its OAuth token endpoint ({@code /token}) for one app
 * and one seller. It checks, in TOP's order and with TOP's codes: method (21), app_key (28/29), the app's call rate
 * (7, "This ban will last for 1 more seconds"), timestamp (30, 31: more than 10 minutes off), v (32/34), format
 * (23: this simulator speaks json only), sign_method and sign (24/25, with its own signer), the method (22), session
 * (26; 27 invalid-sessionkey or session-expired), then each method's parameters (40/41). Besides the trade, TMC,
 * consign, refund and decrypt calls it serves {@code taobao.logistics.companies.get} (TOP's real company codes, see
 * {@link SimCompanies}; offline.send accepts no other {@code company_code}), {@code taobao.items.onsale.get} and
 * {@code taobao.items.seller.list.get} over the order book's listings, and {@code taobao.item.quantity.update} on them
 * (see {@link SimCatalog}).
 *
 * <p>Settings (all optional): {@code appKey}, {@code appSecret}, {@code shop} (seller nick), {@code tokenTtlSeconds}
 * (86400), {@code ratePerSecond} (per app, 100), {@code duplicatePushes}, {@code shufflePushes} (false),
 * {@code redeliverSeconds} (60: an unconfirmed TMC message comes back after this), {@code tmcGroups} (comma list of
 * the app's TMC groups), {@code decryptQuota} (1000 receivers), {@code seed}.
 */
public final class TaobaoSimulator implements RunningSimulator {
    public static final String PATH = "/router/rest";
    public static final String OAUTH_PATH = "/token";

    private final SimServer server;
    private final SimOrderBook book;
    private final SimTokens tokens;
    private final SimMessages messages;
    private final SimApis apis;
    private final SimCatalog catalog;
    private final String appKey;
    private final String appSecret;
    private final String shop;
    private final Clock clock = Clock.systemUTC();
    private final SimTopGateway gateway;

    private TaobaoSimulator(SimulatorOptions options) {
        Map<String, String> s = options.settings();
        appKey = s.getOrDefault("appKey", "12345678");
        appSecret = s.getOrDefault("appSecret", "helloworld");
        shop = s.getOrDefault("shop", "sim-taobao-shop");
        server = new SimServer(options.port());
        gateway = new SimTopGateway(appKey, appSecret, Double.parseDouble(s.getOrDefault("ratePerSecond", "100")), clock, server);
        book = new SimOrderBook(clock, Long.parseLong(s.getOrDefault("seed", "42")), shop, 400_000_000_000_000L,
                FakeData.listings(600_000_000_000L));
        tokens = new SimTokens(clock, appSecret, Duration.ofSeconds(Long.parseLong(s.getOrDefault("tokenTtlSeconds", "86400"))));
        messages = new SimMessages(clock, server, shop, Duration.ofSeconds(Long.parseLong(s.getOrDefault("redeliverSeconds", "60"))),
                Boolean.parseBoolean(s.getOrDefault("duplicatePushes", "false")),
                Boolean.parseBoolean(s.getOrDefault("shufflePushes", "false")));
        messages.listen(book);
        Set<String> groups = new HashSet<>(Arrays.asList(s.getOrDefault("tmcGroups", "").split(",")));
        groups.remove("");
        catalog = new SimCatalog(book, server, clock, shop);
        apis = new SimApis(book, messages, server, catalog, groups, Integer.parseInt(s.getOrDefault("decryptQuota", "1000")));
        server.route(PATH, this::gateway).route(OAUTH_PATH, this::oauth);
    }

    /** Starts a simulator; {@link #close()} stops it. */
    public static TaobaoSimulator start(SimulatorOptions options) {
        TaobaoSimulator sim = new TaobaoSimulator(options);
        sim.server.start();
        sim.book.generate(options.ordersPerMinute(), options.peak());
        return sim;
    }

    private SimResponse gateway(SimRequest r) {
        String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 13);
        Map<String, String> p = r.params();
        try {
            String method = p.get("method");
            gateway.check(p, SimApis::known, SimApis::needsSession, s -> SimTopGateway.Session.valueOf(tokens.check(s).name()));
            ObjectNode root = SimRenderer.JSON.createObjectNode();
            ObjectNode answer = apis.call(method, p);
            answer.put("request_id", requestId);
            root.set(method.substring("taobao.".length()).replace('.', '_') + "_response", answer);
            return SimResponse.json(root.toString());
        } catch (SimTopError e) {
            server.count("errors." + e.code, 1);
            return e.response(requestId);
        }
    }

    /** {@code grant_type=refresh_token} only (the code flow needs a browser); OAuth errors as TOP's OAuth answers them. */
    private SimResponse oauth(SimRequest r) {
        Map<String, String> p = r.params();
        if (!"POST".equals(r.method())) {
            return oauthError(405, "invalid_request", "use POST");
        }
        if (!appKey.equals(p.get("client_id")) || !Digests.sameSignature(appSecret, p.getOrDefault("client_secret", ""))) {
            return oauthError(401, "invalid_client", "client_id or client_secret is wrong");
        }
        if (!"refresh_token".equals(p.get("grant_type"))) {
            return oauthError(400, "unsupported_grant_type", "the simulator refreshes tokens only");
        }
        SimTokens.Issued t = tokens.refresh(p.get("refresh_token"));
        if (t == null) {
            return oauthError(400, "invalid_grant", "refresh_token is invalid or expired");
        }
        server.count("token.refreshed", 1);
        ObjectNode o = SimRenderer.JSON.createObjectNode();
        o.put("access_token", t.accessToken()).put("token_type", "Bearer").put("expires_in", t.expiresIn())
                .put("refresh_token", t.refreshToken()).put("re_expires_in", t.reExpiresIn())
                .put("r1_expires_in", t.expiresIn()).put("r2_expires_in", t.expiresIn())
                .put("w1_expires_in", t.expiresIn()).put("w2_expires_in", t.expiresIn())
                .put("taobao_user_nick", shop).put("taobao_user_id", "2200000000");
        return SimResponse.json(o.toString());
    }

    private static SimResponse oauthError(int status, String error, String description) {
        ObjectNode o = SimRenderer.JSON.createObjectNode();
        o.put("error", error).put("error_description", description);
        return SimResponse.json(status, o.toString());
    }

    /** The order book behind the gateway (tests seed it, ship and change orders through it). */
    public SimOrderBook book() {
        return book;
    }

    /**
     * The consigns {@code taobao.logistics.offline.send} accepted, oldest first (a refused call, e.g. with a company code
     * not in {@code taobao.logistics.companies.get}, records nothing).
     */
    public List<Shipment> shipments() {
        return apis.shipped().stream().map(x -> new Shipment(x.tid(), x.subTids(), x.companyCode(), x.outSid())).toList();
    }

    /** The company code the trade {@code tid} was last consigned with, if it was. */
    public Optional<String> carrierCode(String tid) {
        List<Shipment> all = shipments();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).tid().equals(tid)) {
                return Optional.of(all.get(i).companyCode());
            }
        }
        return Optional.empty();
    }

    /** The quantity {@code taobao.item.quantity.update} last set for SKU {@code skuId} of item {@code numIid}, if any. */
    public Optional<Integer> quantity(String numIid, String skuId) {
        return catalog.quantitySet(numIid, skuId);
    }

    /**
     * Queues a TMC item message ({@code taobao_item_ItemUpdate}, {@code taobao_item_ItemStockChanged}...) about one of the
     * shop's items, as TOP does when the seller edits it.
     *
     * @throws IllegalArgumentException for a topic outside {@code taobao_item_*} or an item the shop does not have
     */
    public void itemChanged(String topic, String numIid) {
        if (topic == null || !topic.startsWith("taobao_item_") || !catalog.has(numIid)) {
            throw new IllegalArgumentException("no item message " + topic + " for item " + numIid + " of this shop");
        }
        messages.publishItem(topic, catalog.messageContent(numIid));
    }

    /** The company codes {@code taobao.logistics.companies.get} answers (and offline.send accepts). */
    public List<String> companyCodes() {
        return SimCompanies.ALL.stream().map(SimCompanies.Company::code).toList();
    }

    /**
     * One accepted consign.
     *
     * @param tid the trade
     * @param subTids the sub-orders named, empty for the whole trade
     * @param companyCode the {@code company_code} sent
     * @param outSid the waybill number
     */
    public record Shipment(String tid, List<String> subTids, String companyCode, String outSid) {
    }

    /** The session a client should use now. */
    public String accessToken() {
        return tokens.accessToken();
    }

    public String refreshToken() {
        return tokens.refreshToken();
    }

    /** Makes the current session expire now. */
    public void expireAccessToken() {
        tokens.expireNow();
    }

    /** Changes the app's call rate limit. */
    public void limit(double perSecond) {
        gateway.limit(perSecond);
    }

    /** TMC messages waiting (unconfirmed, visible or not). */
    public int pendingMessages() {
        return messages.pending();
    }

    public String oauthUrl() {
        return server.baseUrl() + OAUTH_PATH;
    }

    public String appKey() {
        return appKey;
    }

    public String shop() {
        return shop;
    }

    /** Takes the platform down or makes it flaky (see {@link SimFaults}). */
    public SimFaults faults() {
        return server.faults();
    }

    /** The calls served, for assertions. */
    public List<SimRequest> calls() {
        return server.calls();
    }

    @Override
    public String channelId() {
        return "taobao";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String gatewayUrl() {
        return server.baseUrl() + PATH;
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new HashMap<>(server.counters());
        c.put("orders", (long) book.size());
        c.put("tmc.pending", (long) messages.pending());
        return c;
    }

    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        book.generate(ordersPerMinute, peak);
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return Map.of("shop", shop(), "appKey", appKey(), "appSecret", appSecret, "accessToken", accessToken(),
                "refreshToken", refreshToken(), "gatewayUrl", gatewayUrl(), "oauthUrl", oauthUrl());
    }

    @Override
    public void close() {
        book.close();
        server.close();
    }

    /** {@code java -jar ...-sim.jar --port 8201 --rate 60 --peak --app-key K --app-secret S --shop nick}. */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8201);
        TaobaoSimulator sim = start(new SimulatorOptions(line.port(), line.rate(), line.peak(), line.settings()));
        SimCommandLine.serve("Taobao TOP simulator", sim.shopConfiguration(), sim);
    }
}
