package org.ordertower.sim.cainiao;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.connector.kit.Digests;
import org.ordertower.sim.kit.SimClock;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.sim.kit.SimTopGateway;

/**
 * A strict fake of TOP's gateway ({@code /router/rest}) serving Cainiao's cloud-print e-waybill for one app and one
 * seller: {@code cainiao.waybill.ii.get}, {@code .cancel}, {@code .search} and {@code taobao.logistics.trace.get}.
 * TOP's system checks (signature with its own signer, app key, rate, timestamp within 10 minutes, session and its
 * expiry) come from the kit's {@link SimTopGateway}; each method then checks its parameters by name. Parcels move
 * on an accelerated clock. Every call is kept ({@link #calls()}).
 *
 * <p>Settings (all optional): {@code appKey} (12345678), {@code appSecret}, {@code session}, {@code
 * sessionTtlSeconds} (86400), {@code carriers} (SF,ZTO,YTO: the subscriptions), {@code quota} (1000 each) and
 * {@code quota.<CP>}, {@code userId} (2200000001), {@code templateUrl}, {@code ratePerSecond} (per app, 100),
 * {@code timeScale} (60 simulated seconds per real second), {@code stuckRatio}, {@code exceptionRatio}, {@code
 * refusedRatio} (0: the share of parcels in each scenario), {@code seed} (42).
 */
public final class CainiaoSimulator implements RunningSimulator {
    public static final String PATH = "/router/rest";

    /** What happens to a parcel; see {@link #scenario}. */
    public enum Scenario {
        NORMAL, STUCK, EXCEPTION, REFUSED
    }

    private final SimServer server;
    private final SimTopGateway gateway;
    private final SimClock simClock;
    private final SimWaybillBook book;
    private final SimTracks tracks;
    private final SimWaybillApis apis;
    private final Clock clock = Clock.systemUTC();
    private final String appKey;
    private final String appSecret;
    private final String templateUrl;
    private final String userId;
    private final List<String> carriers;
    private final long sessionTtlSeconds;
    private volatile String session;
    private volatile Instant sessionExpiry;

    private CainiaoSimulator(SimulatorOptions options) {
        Map<String, String> s = options.settings();
        long seed = Long.parseLong(s.getOrDefault("seed", "42"));
        appKey = s.getOrDefault("appKey", "12345678");
        appSecret = s.getOrDefault("appSecret", "sim-cainiao-" + Digests.md5Hex("secret:" + seed).substring(0, 16));
        templateUrl = s.getOrDefault("templateUrl", "http://cloudprint.cainiao.com/template/standard/101/605");
        userId = s.getOrDefault("userId", "2200000001");
        sessionTtlSeconds = Long.parseLong(s.getOrDefault("sessionTtlSeconds", "86400"));
        session = s.getOrDefault("session", "6100" + Digests.md5Hex("session:" + seed) + "2200000001");
        sessionExpiry = clock.instant().plusSeconds(sessionTtlSeconds);
        carriers = cpCodes(s.getOrDefault("carriers", "SF,ZTO,YTO"));
        long quota = Long.parseLong(s.getOrDefault("quota", "1000"));
        Map<String, Long> quotas = new LinkedHashMap<>();
        for (String cp : carriers) {
            quotas.put(cp, Long.parseLong(s.getOrDefault("quota." + cp, String.valueOf(quota))));
        }
        simClock = new SimClock(clock.instant(), Double.parseDouble(s.getOrDefault("timeScale", "60")));
        server = new SimServer(options.port());
        gateway = new SimTopGateway(appKey, appSecret, Double.parseDouble(s.getOrDefault("ratePerSecond", "100")), clock, server);
        book = new SimWaybillBook(simClock, seed, quotas);
        tracks = new SimTracks(simClock, seed, ratio(s, "stuckRatio"), ratio(s, "exceptionRatio"), ratio(s, "refusedRatio"));
        apis = new SimWaybillApis(book, tracks, server);
        server.route(PATH, r -> gateway.serve(r, SimWaybillApis.METHODS::contains, m -> true, this::sessionState,
                (method, p) -> apis.call(method, p).toString()));
        server.faultControl(); // POST /_sim/faults for a drill
    }

    /** {@code SF, zto,YTO} into [SF, ZTO, YTO]: cp_codes are upper case; duplicates count once. */
    private static List<String> cpCodes(String list) {
        List<String> out = new ArrayList<>();
        for (String cp : list.split(",")) {
            String code = cp.strip().toUpperCase(Locale.ROOT);
            if (!code.isEmpty() && !out.contains(code)) {
                out.add(code);
            }
        }
        return List.copyOf(out);
    }

    private static double ratio(Map<String, String> s, String key) {
        return Double.parseDouble(s.getOrDefault(key, "0"));
    }

    /** Starts a simulator; {@link #close()} stops it. */
    public static CainiaoSimulator start(SimulatorOptions options) {
        CainiaoSimulator sim = new CainiaoSimulator(options);
        sim.server.start();
        return sim;
    }

    private SimTopGateway.Session sessionState(String value) {
        if (!Digests.sameSignature(session, value)) {
            return SimTopGateway.Session.UNKNOWN;
        }
        return clock.instant().isBefore(sessionExpiry) ? SimTopGateway.Session.VALID : SimTopGateway.Session.EXPIRED;
    }

    /** The seller's session. */
    public String session() {
        return session;
    }

    /** Makes the session expire now (TOP answers 27 session-expired). */
    public void expireSession() {
        sessionExpiry = Instant.EPOCH;
    }

    /** A new session, valid for the configured lifetime (the seller authorised again). */
    public synchronized String renewSession() {
        session = "6100" + Digests.md5Hex("session:" + UUID.randomUUID()) + userId;
        sessionExpiry = clock.instant().plusSeconds(sessionTtlSeconds);
        return session;
    }

    /** Sets a carrier's balance (subscribing the account to it if it was not). */
    public void quota(String cpCode, long quantity) {
        book.quota(cpCode.toUpperCase(Locale.ROOT), quantity);
    }

    /** A carrier's balance now. */
    public long quota(String cpCode) {
        return book.quota(cpCode.toUpperCase(Locale.ROOT));
    }

    /** Forces what happens to an issued waybill from now on. */
    public void scenario(String waybillCode, Scenario scenario) {
        tracks.force(waybillCode, SimTracks.Scenario.valueOf(scenario.name()));
    }

    /** Jumps the parcels' clock forward (tests: no sleeping). */
    public void advance(Duration d) {
        simClock.advance(d);
    }

    /** The parcels' clock now. */
    public Instant now() {
        return simClock.instant();
    }

    /** Changes the app's call rate limit. */
    public void limit(double perSecond) {
        gateway.limit(perSecond);
    }

    /** Waybills issued so far (cancelled ones included). */
    public int waybills() {
        return book.size();
    }

    /** Takes the platform down or makes it flaky (see {@link SimFaults}). */
    public SimFaults faults() {
        return server.faults();
    }

    /** The calls served, oldest first. */
    public List<SimRequest> calls() {
        return server.calls();
    }

    public String appKey() {
        return appKey;
    }

    public String appSecret() {
        return appSecret;
    }

    @Override
    public String channelId() {
        return "cainiao";
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
        c.put("waybills", (long) book.size());
        for (String cp : carriers) {
            c.put("quota." + cp, book.quota(cp));
        }
        return c;
    }

    /** The simulator generates no orders: waybills come from apply calls. */
    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        // nothing to generate
    }

    /** The connector's configuration keys; holds secrets, never log it. */
    @Override
    public Map<String, String> shopConfiguration() {
        return Map.of("gatewayUrl", gatewayUrl(), "appKey", appKey, "appSecret", appSecret, "session", session, "carriers",
                String.join(",", carriers), "templateUrl", templateUrl, "userId", userId);
    }

    @Override
    public void close() {
        server.close();
    }

    /** {@code java -jar ordertower-sim-cainiao-<v>-sim.jar --port 8210 --app-key K --app-secret S --set quota.SF=5}. */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8210);
        CainiaoSimulator sim = start(new SimulatorOptions(line.port(), 0, false, line.settings()));
        SimCommandLine.serve("Cainiao e-waybill (TOP) simulator", sim.shopConfiguration(), sim);
    }
}
