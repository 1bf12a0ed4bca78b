package org.ordertower.sim.taobao;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.FakeData;
import org.ordertower.sim.kit.SimChannelSimulator;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimOrderBook;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimResponse;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTokenBook;
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
public final class TaobaoSimulator extends SimChannelSimulator {
    public static final String PATH = "/router/rest";
    public static final String OAUTH_PATH = "/token";
    /** How long a refresh token works. */
    static final Duration REFRESH_TTL = Duration.ofDays(30);

    private final SimTokenBook tokens;
    private final SimMessages messages;
    private final SimApis apis;
    private final SimCatalog catalog;
    private final String appKey;
    private final String appSecret;
    private final String shop;
    private final SimTopGateway gateway;

    private TaobaoSimulator(SimulatorOptions options, Clock clock) {
        super("taobao", options.port(), new SimOrderBook(clock,
                Long.parseLong(options.settings().getOrDefault("seed", "42")),
                options.settings().getOrDefault("shop", "sim-taobao-shop"), 400_000_000_000_000L,
                FakeData.listings(600_000_000_000L)));
        Map<String, String> s = options.settings();
        appKey = s.getOrDefault("appKey", "12345678");
        appSecret = s.getOrDefault("appSecret", "helloworld");
        shop = book().shopId();
        SimServer server = server();
        gateway = new SimTopGateway(appKey, appSecret, Double.parseDouble(s.getOrDefault("ratePerSecond", "100")), clock, server);
        // TOP's sessions look like 6100... and refresh tokens 6101...; one pair at a time
        tokens = new SimTokenBook(clock, Duration.ofSeconds(Long.parseLong(s.getOrDefault("tokenTtlSeconds", "86400"))),
                REFRESH_TTL, SimTokenBook.Refresh.REPLACE, (access, n) -> access
                        ? "6100" + SimRenderer.digest(appSecret + ":session:" + n).substring(0, 36)
                        : "6101" + SimRenderer.digest(appSecret + ":refresh:" + n).substring(0, 36));
        tokens.issue();
        messages = new SimMessages(clock, server, shop, Duration.ofSeconds(Long.parseLong(s.getOrDefault("redeliverSeconds", "60"))),
                Boolean.parseBoolean(s.getOrDefault("duplicatePushes", "false")),
                Boolean.parseBoolean(s.getOrDefault("shufflePushes", "false")));
        messages.listen(book());
        Set<String> groups = new HashSet<>(Arrays.asList(s.getOrDefault("tmcGroups", "").split(",")));
        groups.remove("");
        catalog = new SimCatalog(book(), server, clock, shop);
        apis = new SimApis(book(), messages, server, catalog, groups, Integer.parseInt(s.getOrDefault("decryptQuota", "1000")));
        server.route(PATH, r -> gateway.serve(r, SimApis::known, SimApis::needsSession,
                session -> SimTopGateway.Session.valueOf(tokens.check(session).name()),
                (method, p) -> apis.call(method, p).toString()));
        server.route(OAUTH_PATH, this::oauth);
    }

    /** Starts a simulator; {@link #close()} stops it. */
    public static TaobaoSimulator start(SimulatorOptions options) {
        return begin(new TaobaoSimulator(options, Clock.systemUTC()), options);
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
        SimTokenBook.Issued t = tokens.refresh(p.get("refresh_token"));
        if (t == null) {
            return oauthError(400, "invalid_grant", "refresh_token is invalid or expired");
        }
        server().count("token.refreshed", 1);
        long expiresIn = tokens.ttlSeconds();
        ObjectNode o = SimRenderer.JSON.createObjectNode();
        o.put("access_token", t.accessToken()).put("token_type", "Bearer").put("expires_in", expiresIn)
                .put("refresh_token", t.refreshToken()).put("re_expires_in", REFRESH_TTL.toSeconds())
                .put("r1_expires_in", expiresIn).put("r2_expires_in", expiresIn)
                .put("w1_expires_in", expiresIn).put("w2_expires_in", expiresIn)
                .put("taobao_user_nick", shop).put("taobao_user_id", "2200000000");
        return SimResponse.json(o.toString());
    }

    private static SimResponse oauthError(int status, String error, String description) {
        ObjectNode o = SimRenderer.JSON.createObjectNode();
        o.put("error", error).put("error_description", description);
        return SimResponse.json(status, o.toString());
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
        return tokens.latest().accessToken();
    }

    public String refreshToken() {
        return tokens.latest().refreshToken();
    }

    /** Makes the current session expire now. */
    public void expireAccessToken() {
        tokens.expire(accessToken());
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
        return server().baseUrl() + OAUTH_PATH;
    }

    public String appKey() {
        return appKey;
    }

    public String shop() {
        return shop;
    }

    @Override
    public String gatewayUrl() {
        return server().baseUrl() + PATH;
    }

    @Override
    protected void addCounters(Map<String, Long> counters) {
        counters.put("tmc.pending", (long) messages.pending());
    }

    @Override
    public Map<String, String> shopConfiguration() {
        return shopConfiguration(appKey, appSecret, accessToken(), refreshToken(), Map.of("oauthUrl", oauthUrl()));
    }

    /** {@code java -jar ...-sim.jar --port 8201 --rate 60 --peak --app-key K --app-secret S --shop nick}. */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine.run(args, 8201, "Taobao TOP simulator", TaobaoSimulator::start);
    }

    @Override
    public String platformBuyerId(String buyerId) {
        return SimRenderer.openUid(buyerId);
    }
}
