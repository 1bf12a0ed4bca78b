package org.ordertower.drill;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.ordertower.api.sim.DemoNode;
import org.ordertower.api.sim.Simulator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The peak drill, one command ({@code tools/drill.sh}): the distribution as a node of its own on embedded defaults,
 * the four channel simulators, the Qimen WMS and the Cainiao and Kuaidi100 carriers each in a JVM of its own, a normal
 * stretch of orders and then a peak ({@code --peak-factor} times the rate), a drain, and the reckoning against the
 * simulators' books ({@link Reckoning}). Prints a progress line every few seconds while it runs, then the figures.
 * Exits 1 when an order was lost or duplicated or a unit oversold, 2 on a bad command line.
 */
public final class Drill {
    /** The simulators: id, main class, component class (their demo settings), and whether it is a channel. */
    private record Platform(String id, String main, Simulator component) {
        boolean channel() {
            return component.kind() == Simulator.Kind.CHANNEL;
        }
    }

    private static final String WAREHOUSE = "DEMO-HZ";
    /** The demo catalog's SKU codes (bundles/demo DemoComponent), which the node seeds in demo mode. */
    private static final List<String> SKUS = List.of("CUP-WHITE", "CUP-BLUE", "TEA-LJ-250", "TOWEL-3", "SOAP-100", "GIFT-BAG",
            "KIT-TEA-CUP");
    /** SKUs a drill stocks plenty of; SOAP-100 keeps the demo's 1,000 units, so that it runs short in a peak. */
    private static final List<String> PLENTY = List.of("CUP-WHITE", "CUP-BLUE", "TEA-LJ-250", "TOWEL-3", "GIFT-BAG");

    /** The own site's orders over JMS, as a share of one marketplace's rate. */
    private static final double JMS_SHARE = 0.25;

    private final DrillOptions options;
    private final Path dir;
    private final List<SimProcess> sims = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, SimProcess> channels = new LinkedHashMap<>();
    /** Every simulator: the marketplaces, the WMS and the carriers. */
    private final List<SimProcess> simulators = new ArrayList<>();
    private final Progress progress;
    private volatile Node node;
    /** How long the node took to answer again after {@code --kill-at}'s kill, or -1. */
    private volatile long restartSeconds = -1;
    /** With {@code --broker-restart}: the shared broker, and the system on it that sends orders and reads events. */
    private volatile BrokerProcess broker;
    private volatile MessagePath messages;
    private boolean closed;

    private Drill(DrillOptions options, Path dir) {
        this.options = options;
        this.dir = dir;
        this.progress = new Progress(options);
    }

    public static void main(String[] args) throws Exception {
        DrillOptions options;
        try {
            options = DrillOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("drill: " + e.getMessage());
            System.err.println(DrillOptions.USAGE);
            System.exit(2);
            return;
        }
        Path dir = Path.of(options.dir()).toAbsolutePath();
        Files.createDirectories(dir);
        Drill drill = new Drill(options, dir);
        // Ctrl-C or a kill: the node and the simulators go with the drill, and leave their ports free
        Thread hook = new Thread(drill::close, "drill-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int exit;
        try {
            exit = drill.run();
        } finally {
            drill.close();
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        say("the node: %s, unpacked in %s", options.tarball(), dir.resolve("node"));
        node = Node.unpack(Path.of(options.tarball()), dir);
        DemoNode demo = new DemoNode("http://127.0.0.1:" + Node.REST_PORT, WAREHOUSE, SKUS);
        Map<Platform, SimProcess> started = new LinkedHashMap<>();
        for (Platform p : platforms()) {
            Map<String, String> settings = new LinkedHashMap<>(p.component().demoSettings(demo));
            if (p.channel()) {
                settings.put("anomalies", String.valueOf(options.anomalies()));
            }
            SimProcess sim = SimProcess.start(p.id(), p.main(), freePort(), settings, dir, options.simJavaOptions(),
                    p.channel() ? options.clockSkewSeconds() : 0);
            sims.add(sim);
            started.put(p, sim);
            simulators.add(sim);
            if (p.channel()) {
                channels.put(p.id(), sim);
            }
            say("simulator %s on port %d (its own JVM, log %s)%s", p.id(), sim.port(), dir.resolve("sim-" + p.id() + ".log"),
                    p.channel() && options.clockSkewSeconds() != 0 ? String.format(Locale.ROOT, ", its clock %+d s off",
                            options.clockSkewSeconds()) : "");
        }
        // the rules' parameters: the buyers the simulators blacklist as each platform shows them (an open id; Pinduoduo
        // shows none), and an ineligible gift taken off (as the demo)
        List<String> blacklist = new ArrayList<>();
        for (SimProcess sim : channels.values()) {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(sim.summary()).path("blacklisted")
                    .forEach(b -> blacklist.add(b.asText()));
        }
        node.append("org.ordertower.rules-risk-basic", Map.of("blacklist.buyers", String.join(",", blacklist),
                "gift.ineligible.action", "remove"));
        if (options.postgres() != null) {
            node.configure("org.ops4j.datasource-ordertower", Postgres.fresh(options.postgres(), "ordertower_drill"));
            say("the node's database: PostgreSQL, ordertower_drill (made afresh on %s)", Postgres.server(options.postgres()));
        }
        if (options.brokerRestartSeconds() > 0) {
            Files.createDirectories(dir.resolve("broker"));
            broker = BrokerProcess.start(freePort(), dir);
            node.configure("org.ordertower.broker", Map.of("embedded", "false", "url", broker.url()));
            say("the shared broker on %s (its own JVM, persistent, log %s); the node uses it (embedded=false)",
                    broker.url(), dir.resolve("broker.log"));
        }
        Instant boot = Instant.now();
        node.start("-Dordertower.demo=true " + options.nodeJavaOptions(), Duration.ofMinutes(5));
        say("node up in %d s (log %s; the drill's user and password in %s)", Duration.between(boot, Instant.now()).toSeconds(),
                node.home().resolve("data/log/karaf.log"), node.credentials());
        // the shops come after the catalog, as in the demo: a shop maps its listings to the master SKUs when it starts
        waitForCatalog();
        for (Map.Entry<Platform, SimProcess> e : started.entrySet()) {
            Platform p = e.getKey();
            SimProcess sim = e.getValue();
            Map<String, String> account = new LinkedHashMap<>(p.component().demoConnectorConfiguration(sim, demo));
            if (p.channel()) {
                // as the demo: the simulators take 50 calls a second, the connectors' defaults are lower
                account.put("shopRatePerSecond", "20");
                account.put("appRatePerSecond", "40");
                node.configure("org.ordertower.channel." + p.id() + "-drill", account);
            } else {
                String kind = p.component().kind() == Simulator.Kind.WMS ? "wms" : "carrier";
                node.configure("org.ordertower." + kind + "." + p.id() + "-drill", account);
                Map<String, String> fulfilment = new LinkedHashMap<>(p.component().demoFulfilmentSettings(demo));
                fulfilment.put("callback.base.url", demo.baseUrl());
                node.append("org.ordertower.fulfilment", fulfilment);
            }
        }
        waitForShops();
        stock();
        if (broker != null) {
            node.post("/api/v1/catalog/mappings?dryRun=false", "text/csv", MessagePath.mappings());
            messages = new MessagePath(broker.url(), basePrices());
            say("a system sends orders of the own site over JMS (%s, %.0f%% of one channel's rate) and reads %s",
                    MessagePath.QUEUE, JMS_SHARE * 100, MessagePath.EVENTS);
        }

        Watch watch = new Watch(node, channels.values());
        progress.start(watch);
        Instant normalFrom = Instant.now();
        rate(options.rate());
        progress.phase("normal", options.normalSeconds());
        Instant peakFrom = Instant.now();
        rate(options.rate() * options.peakFactor());
        if (options.failRate() > 0) {
            // every simulator: the marketplaces, the WMS and the carriers; slow answers outlast the connectors' timeouts
            for (SimProcess sim : simulators) {
                sim.faults("failRate=" + options.failRate() + "&kind=" + options.faultKind() + "&slowMillis=20000");
            }
            say("every platform fails %.0f%% of its calls through the peak (%s)", options.failRate() * 100,
                    options.faultKind());
        }
        if (options.killAt() >= 0) {
            killInThePeak();
        } else if (options.outageSeconds() > 0) {
            outageInThePeak();
        } else if (options.dbOutageSeconds() > 0) {
            databaseOutageInThePeak();
        } else if (options.brokerRestartSeconds() > 0) {
            brokerRestartInThePeak();
        } else {
            progress.phase("peak", options.peakSeconds());
        }
        if (options.failRate() > 0) {
            for (SimProcess sim : simulators) {
                sim.faults("failRate=0");
            }
        }
        Instant peakTo = Instant.now();
        rate(0);
        progress.drain(options.drainSeconds());

        Reckoning r = new Reckoning(node, channels, options, messages);
        Reckoning.Figures f = r.reckon(normalFrom, peakFrom, peakTo, watch, restartSeconds);
        f.print(System.out);
        Files.writeString(dir.resolve("figures.txt"), f.toString());
        say("figures also in %s", dir.resolve("figures.txt"));
        return f.lost() == 0 && f.duplicated() == 0 && f.oversold() == 0 ? 0 : 1;
    }

    /**
     * The peak with a power cut: {@code --kill-at} seconds in, the node is killed ({@code kill -9}) and started again on
     * its files while the platforms go on selling; the reckoning then checks that nothing was lost, doubled or oversold.
     */
    private void killInThePeak() throws Exception {
        progress.phase("peak", options.killAt());
        node.kill();
        Instant killed = Instant.now();
        say("killed the node (kill -9) %d s into the peak; starting it again", options.killAt());
        java.util.concurrent.CompletableFuture<Void> back = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                node.start("-Dordertower.demo=true " + options.nodeJavaOptions(), Duration.ofMinutes(5));
                restartSeconds = Duration.between(killed, Instant.now()).toSeconds();
                say("the node is back, %d s after the kill", restartSeconds);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        progress.phase("peak", options.peakSeconds() - options.killAt());
        back.get(); // a node that did not come back ends the drill with its reason
    }

    /** The peak with every marketplace down ({@code --outage} seconds, 503 to every call) in its middle. */
    private void outageInThePeak() throws InterruptedException {
        int before = (options.peakSeconds() - options.outageSeconds()) / 2;
        progress.phase("peak", before);
        faults("outage=true");
        say("every marketplace is down (503) for %d s", options.outageSeconds());
        progress.phase("outage", options.outageSeconds());
        faults("outage=false");
        say("the marketplaces are back");
        progress.phase("peak", options.peakSeconds() - before - options.outageSeconds());
    }

    /**
     * The peak with the node's PostgreSQL database refusing every connection ({@code --db-outage} seconds, its open
     * connections cut) in its middle, as a database failing over or a network cut would.
     */
    private void databaseOutageInThePeak() throws Exception {
        int before = (options.peakSeconds() - options.dbOutageSeconds()) / 2;
        progress.phase("peak", before);
        int cut = Postgres.refuseConnections(options.postgres(), "ordertower_drill");
        say("the node's database refuses every connection for %d s (%d open connections cut)", options.dbOutageSeconds(),
                cut);
        try {
            progress.phase("database down", options.dbOutageSeconds());
        } finally {
            Postgres.allowConnections(options.postgres(), "ordertower_drill");
        }
        say("the database takes connections again");
        progress.phase("peak", options.peakSeconds() - before - options.dbOutageSeconds());
    }

    /**
     * The peak with the shared broker killed ({@code kill -9}) in its middle and started again on its store
     * {@code --broker-restart} seconds later, as a broker host failing and its service coming back.
     */
    private void brokerRestartInThePeak() throws Exception {
        int before = (options.peakSeconds() - options.brokerRestartSeconds()) / 2;
        progress.phase("peak", before);
        broker.kill();
        say("the shared broker is killed (kill -9); it starts again in %d s", options.brokerRestartSeconds());
        progress.phase("broker down", options.brokerRestartSeconds());
        broker.restart();
        say("the shared broker is back on %s", broker.url());
        progress.phase("peak", options.peakSeconds() - before - options.brokerRestartSeconds());
    }

    /** The catalog's base price of each SKU ({@code GET /api/v1/catalog/skus}, its CSV: code, name, barcode, base_price). */
    private Map<String, java.math.BigDecimal> basePrices() throws IOException {
        Map<String, java.math.BigDecimal> prices = new LinkedHashMap<>();
        List<String> rows = node.text("/api/v1/catalog/skus").lines().toList();
        List<String> header = List.of(rows.get(0).split(","));
        int code = header.indexOf("code");
        int price = header.indexOf("base_price");
        for (String row : rows.subList(1, rows.size())) {
            String[] cells = row.split(",", -1); // the demo catalog's codes and prices hold no comma or quote
            if (cells.length > Math.max(code, price) && !cells[price].isBlank()) {
                prices.put(cells[code], new java.math.BigDecimal(cells[price]));
            }
        }
        return prices;
    }

    /** Sets a fault on every marketplace's simulator. */
    private void faults(String query) {
        for (SimProcess s : channels.values()) {
            s.faults(query);
        }
    }

    private List<Platform> platforms() {
        return List.of(new Platform("taobao", "org.ordertower.sim.taobao.TaobaoSimulator",
                new org.ordertower.sim.taobao.TaobaoSimulatorComponent()),
                new Platform("jd", "org.ordertower.sim.jd.JdSimulator", new org.ordertower.sim.jd.JdSimulatorComponent()),
                new Platform("douyin", "org.ordertower.sim.douyin.DouyinSimulator",
                        new org.ordertower.sim.douyin.DouyinSimulatorComponent()),
                new Platform("pdd", "org.ordertower.sim.pdd.PddSimulator", new org.ordertower.sim.pdd.PddSimulatorComponent()),
                new Platform("qimen", "org.ordertower.sim.qimen.QimenSimulator",
                        new org.ordertower.sim.qimen.QimenSimulatorComponent()),
                new Platform("cainiao", "org.ordertower.sim.cainiao.CainiaoSimulator",
                        new org.ordertower.sim.cainiao.CainiaoSimulatorComponent()),
                new Platform("kuaidi100", "org.ordertower.sim.kuaidi100.Kuaidi100Simulator",
                        new org.ordertower.sim.kuaidi100.Kuaidi100SimulatorComponent()))
                .stream().filter(p -> !p.channel() || options.channels().contains(p.id())).toList();
    }

    /** Waits until the node has seeded the demo catalog (the last of its SKUs is there). */
    private void waitForCatalog() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (node.status("/api/v1/stock/" + SKUS.get(SKUS.size() - 1)) != 200) {
            if (System.nanoTime() > end) {
                throw new IOException("the node did not seed the demo catalog within 2 minutes; see its log");
            }
            Thread.sleep(500);
        }
    }

    /** Waits until every channel's shop runs on the node (its connector installed and configured). */
    private void waitForShops() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (true) {
            JsonNode shops = node.get("/api/v1/shops").path("items");
            List<String> up = new ArrayList<>();
            shops.forEach(s -> up.add(s.path("channel").asText()));
            if (up.containsAll(channels.keySet())) {
                say("shops up: %s", up);
                return;
            }
            if (System.nanoTime() > end) {
                throw new IOException("the shops did not all come up within 3 minutes: " + up + " of " + channels.keySet());
            }
            Thread.sleep(1000);
        }
    }

    /** Stocks the SKUs a drill sells plenty of (the demo's 1,000 units of SOAP-100 stay: it runs short). */
    private void stock() throws IOException, InterruptedException {
        long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        for (String sku : PLENTY) {
            while (true) {
                try {
                    node.post("/api/v1/stock/" + sku + "/receive", "{\"warehouse\":\"" + WAREHOUSE
                            + "\",\"quantity\":1000000,\"reference\":\"drill-" + sku + "\"}");
                    break;
                } catch (IOException e) {
                    if (System.nanoTime() > end) {
                        throw new IOException("could not stock " + sku + " (the demo catalog is seeded at start): "
                                + e.getMessage(), e);
                    }
                    Thread.sleep(1000); // the demo's catalog is seeded a moment after the node answers
                }
            }
        }
        say("stocked %s with 1,000,000 units each at %s; SOAP-100 keeps the demo's 1,000", PLENTY, WAREHOUSE);
    }

    private void rate(double perMinute) {
        for (SimProcess s : channels.values()) {
            s.rate(perMinute, false);
        }
        if (messages != null) {
            messages.rate(perMinute * JMS_SHARE / 60);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (node != null && !options.keep()) {
            node.close();
        } else if (node != null) {
            say("the node keeps running (--keep): stop it with %s", node.home().resolve("bin/stop"));
        }
        if (!options.keep()) {
            sims.forEach(SimProcess::close);
        }
        if (messages != null) {
            messages.close();
        }
        if (broker != null && !options.keep()) {
            broker.close();
        }
    }

    static void say(String format, Object... args) {
        System.out.println("drill: " + String.format(Locale.ROOT, format, args));
    }

    static String join(Map<String, ?> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }
}
