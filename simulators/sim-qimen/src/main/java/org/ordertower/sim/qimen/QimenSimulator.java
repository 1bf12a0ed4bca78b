package org.ordertower.sim.qimen;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.ordertower.api.sim.RunningSimulator;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.sim.kit.SimCommandLine;
import org.ordertower.sim.kit.SimFaults;
import org.ordertower.sim.kit.SimRequest;
import org.ordertower.sim.kit.SimServer;

/**
 * A strict fake of a warehouse system reached through the Qimen router, for one ERP app and one customer, on
 * 127.0.0.1 at {@value #PATH}. Settings ({@link SimulatorOptions#settings()}), each with its default:
 * <ul>
 * <li>{@code appKey} (qimen-sim-app), {@code appSecret} (qimen-sim-secret), {@code customerId} (qimen-sim-customer),
 * {@code ownerCode} (the customerId): what the gateway accepts and what callbacks are signed with;</li>
 * <li>{@code warehouses} (SIM-WH1): the WMS warehouseCodes, comma separated; {@code stock} (none):
 * {@code SKU=good[/defective],...} put on the shelves of every warehouse;</li>
 * <li>{@code timeScale} (60): simulated seconds per real second; {@code partialRatio} (0) and
 * {@code damagedRatio} (0), 0..1; {@code seed} (42); {@code ratePerSecond} (50): calls a second the app may
 * make;</li>
 * <li>{@code callbackUrl} (none: reports are only recorded; {@code pushUrl} is read too), {@code callbackSignMethod}
 * (md5), {@code callbackRetryMs} (500, doubling up to 30 s), {@code callbackAttempts} (8),
 * {@code duplicateCallbacks} (false), {@code callbackMethodNames} ({@code full}:
 * {@code taobao.qimen.deliveryorder.confirm}; {@code bare}: {@code deliveryorder.confirm}, as many WMSes name their
 * reports).</li>
 * </ul>
 * A WMS takes orders rather than making them, so {@code ordersPerMinute} and {@link #rate} do nothing.
 */
public final class QimenSimulator implements RunningSimulator {
    /** The service path, as on the router. */
    public static final String PATH = "/router/qimen/service";

    /** What a test can force on one order code. */
    public enum Scenario {
        /** As the settings' ratios decide. */
        NORMAL,
        /** Ships in two packages with two confirms, the first partial (deliveries of two units or more). */
        PARTIAL,
        /** Reports EXCEPTION (no shelf stock) instead of accepting. */
        EXCEPTION,
        /** Every line of the return comes back damaged (CC). */
        DAMAGED
    }

    /**
     * A report to the ERP and what became of it.
     *
     * @param method the Qimen method as sent (without its prefix under {@code callbackMethodNames=bare})
     * @param code OrderTower's order code it is about
     * @param body the XML sent
     * @param attempts POSTs made before it was accepted (or gave up)
     * @param delivered whether the ERP answered flag success
     * @param duplicateSent whether it was sent a second time ({@code duplicateCallbacks})
     * @param lastAnswer the ERP's last answer (status and body, cut at 500 characters), or null
     */
    public record Callback(String method, String code, String body, int attempts, boolean delivered,
            boolean duplicateSent, String lastAnswer) {
    }

    /**
     * A delivery order as the WMS holds it.
     *
     * @param code OrderTower's code
     * @param id the WMS's deliveryOrderId
     * @param warehouseCode the WMS warehouse
     * @param state NEW, ACCEPT, PRINT, PICK, PACKAGE, PARTDELIVERED, DELIVERED, EXCEPTION or CANCELED
     * @param expressCodes the waybill numbers of the packages that left, in order
     */
    public record DeliveryView(String code, String id, String warehouseCode, String state, List<String> expressCodes) {
    }

    /**
     * One SKU's counts.
     *
     * @param good sellable units on hand (locked ones included)
     * @param defective damaged units
     * @param locked units held for accepted orders
     */
    public record StockView(int good, int defective, int locked) {
    }

    private final SimServer server;
    private final QimenSimWarehouse warehouse;
    private final QimenSimCallbacks callbacks;
    private final String appKey;
    private final String appSecret;
    private final String customerId;
    private final String ownerCode;
    private final Set<String> warehouseCodes;
    private final double ratePerSecond;

    private QimenSimulator(SimulatorOptions options, Clock clock) {
        Map<String, String> s = options.settings();
        this.appKey = s.getOrDefault("appKey", "qimen-sim-app");
        this.appSecret = s.getOrDefault("appSecret", "qimen-sim-secret");
        this.customerId = s.getOrDefault("customerId", "qimen-sim-customer");
        this.ownerCode = s.getOrDefault("ownerCode", customerId);
        this.warehouseCodes = new LinkedHashSet<>();
        for (String w : s.getOrDefault("warehouses", "SIM-WH1").split(",")) {
            if (!w.isBlank()) {
                warehouseCodes.add(w.strip());
            }
        }
        if (warehouseCodes.isEmpty()) {
            throw new IllegalArgumentException("warehouses must name at least one warehouseCode");
        }
        this.ratePerSecond = number(s, "ratePerSecond", 50, 0.001, 1e6);
        double timeScale = number(s, "timeScale", 60, 0.001, 1e7);
        double partial = number(s, "partialRatio", 0, 0, 1);
        double damaged = number(s, "damagedRatio", 0, 0, 1);
        String signMethod = s.getOrDefault("callbackSignMethod", "md5");
        if (!"md5".equals(signMethod) && !"hmac".equals(signMethod)) {
            throw new IllegalArgumentException("callbackSignMethod must be md5 or hmac, was " + signMethod);
        }
        String names = s.getOrDefault("callbackMethodNames", "full");
        if (!"full".equals(names) && !"bare".equals(names)) {
            throw new IllegalArgumentException("callbackMethodNames must be full or bare, was " + names);
        }
        this.server = new SimServer(options.port());
        this.callbacks = new QimenSimCallbacks(s.getOrDefault("callbackUrl", s.get("pushUrl")), appKey, appSecret,
                customerId, signMethod, Duration.ofMillis((long) number(s, "callbackRetryMs", 500, 1, 600_000)),
                (int) number(s, "callbackAttempts", 8, 1, 1000),
                Boolean.parseBoolean(s.getOrDefault("duplicateCallbacks", "false")), "bare".equals(names), clock, server);
        this.warehouse = new QimenSimWarehouse(warehouseCodes, timeScale, partial, damaged,
                (long) number(s, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE), clock, callbacks, server);
        seedFromSetting(s.get("stock"));
        server.route(PATH, new QimenSimGateway(this, warehouse, clock, ratePerSecond));
        server.faultControl(); // POST /_sim/faults for a drill
    }

    /** Starts a simulator on the system clock. */
    public static QimenSimulator start(SimulatorOptions options) {
        return start(options, Clock.systemUTC());
    }

    /** Starts a simulator; {@code clock} is the server's wall clock (timestamps it checks and writes). */
    public static QimenSimulator start(SimulatorOptions options, Clock clock) {
        QimenSimulator sim = new QimenSimulator(options, clock);
        sim.server.start();
        return sim;
    }

    private static double number(Map<String, String> s, String key, double dflt, double min, double max) {
        String v = s.get(key);
        if (v == null || v.isBlank()) {
            return dflt;
        }
        double d;
        try {
            d = Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'", e);
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + v);
        }
        return d;
    }

    private void seedFromSetting(String stock) {
        if (stock == null || stock.isBlank()) {
            return;
        }
        for (String pair : stock.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("stock takes SKU=good[/defective] pairs, not '" + pair + "'");
            }
            String[] counts = pair.substring(eq + 1).strip().split("/");
            try {
                int good = Integer.parseInt(counts[0].strip());
                int defective = counts.length > 1 ? Integer.parseInt(counts[1].strip()) : 0;
                warehouseCodes.forEach(w -> seedStock(w, pair.substring(0, eq).strip(), good, defective));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("stock takes SKU=good[/defective] pairs, not '" + pair + "'", e);
            }
        }
    }

    @Override
    public String channelId() {
        return "qimen";
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public String gatewayUrl() {
        return server.baseUrl() + PATH;
    }

    public String appKey() {
        return appKey;
    }

    public String appSecret() {
        return appSecret;
    }

    public String customerId() {
        return customerId;
    }

    public String ownerCode() {
        return ownerCode;
    }

    double ratePerSecond() {
        return ratePerSecond;
    }

    /** The WMS warehouseCodes it runs. */
    public Set<String> warehouseCodes() {
        return Set.copyOf(warehouseCodes);
    }

    /** Sets a SKU's shelf counts in a warehouse (locked units stay locked). */
    public void seedStock(String warehouseCode, String sku, int good, int defective) {
        if (!warehouse.knows(warehouseCode)) {
            throw new IllegalArgumentException(warehouseCode + " is not a warehouse of this simulator");
        }
        if (good < 0 || defective < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        warehouse.seed(warehouseCode, sku, good, defective);
    }

    public StockView stock(String warehouseCode, String sku) {
        int[] c = warehouse.stockOf(warehouseCode, sku);
        return new StockView(c[0], c[1], c[2]);
    }

    /** Every delivery order taken, oldest first. */
    public List<DeliveryView> deliveries() {
        synchronized (warehouse) {
            return warehouse.deliveries().stream().map(QimenSimulator::view).toList();
        }
    }

    public Optional<DeliveryView> delivery(String code) {
        synchronized (warehouse) {
            QimenSimWarehouse.Delivery d = warehouse.delivery(code);
            return d == null ? Optional.empty() : Optional.of(view(d));
        }
    }

    /** Under the warehouse's lock. */
    private static DeliveryView view(QimenSimWarehouse.Delivery d) {
        return new DeliveryView(d.code, d.id, d.warehouseCode, d.state.name(), List.copyOf(d.shippedExpressCodes));
    }

    /** Whether a return or entry order was received (and its confirm queued). */
    public boolean received(String code) {
        synchronized (warehouse) {
            QimenSimWarehouse.Inbound r = warehouse.returnOrder(code);
            QimenSimWarehouse.Inbound e = warehouse.entryOrder(code);
            return r != null && r.received || e != null && e.received;
        }
    }

    /** Freezes the simulated clock: no order moves until {@link #resume()}. */
    public void pause() {
        warehouse.pause();
    }

    public void resume() {
        warehouse.resume();
    }

    /** Forces what happens to the order with this code (set it before the step it changes). */
    public void force(String code, Scenario scenario) {
        warehouse.force(code, scenario);
    }

    /** Takes the platform down or makes it flaky (see {@link SimFaults}). */
    public SimFaults faults() {
        return server.faults();
    }

    /** The calls received (the last {@link SimServer#KEPT_CALLS}), oldest first. */
    public List<SimRequest> calls() {
        return server.calls();
    }

    /** The calls of one Qimen method, oldest first. */
    public List<SimRequest> calls(String method) {
        return server.calls().stream().filter(c -> method.equals(c.query().get("method"))).toList();
    }

    /** The reports sent (or kept) for the ERP, oldest first. */
    public List<Callback> callbacks() {
        return callbacks.snapshot();
    }

    void count(String name) {
        server.count(name, 1);
    }

    @Override
    public Map<String, Long> counters() {
        Map<String, Long> c = new LinkedHashMap<>(server.counters());
        c.put("orders", (long) warehouse.deliveries().size());
        return c;
    }

    /** A WMS does not generate orders: nothing to change. */
    @Override
    public void rate(double ordersPerMinute, boolean peak) {
        // orders come from the ERP
    }

    /** The connector's configuration keys that talk to this simulator (identity warehouse codes). */
    @Override
    public Map<String, String> shopConfiguration() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("gatewayUrl", gatewayUrl());
        c.put("appKey", appKey);
        c.put("appSecret", appSecret);
        c.put("customerId", customerId);
        c.put("ownerCode", ownerCode);
        c.put("warehouses", String.join(",", warehouseCodes));
        c.put("signMethod", "md5");
        return c;
    }

    @Override
    public void close() {
        warehouse.close();
        callbacks.close();
        server.close();
    }

    /**
     * {@code java -jar ordertower-sim-qimen-<version>-sim.jar --port 8220 [--app-key K] [--app-secret S]
     * [--push-url ERP_CALLBACK_URL] [--set customerId=C] [--set warehouses=A,B] [--set stock=SKU-1=100] [--set
     * timeScale=60]}; prints the configuration a connector uses.
     */
    public static void main(String[] args) throws InterruptedException {
        SimCommandLine line = SimCommandLine.parseOrExit(args, 8220);
        QimenSimulator sim;
        try {
            sim = start(new SimulatorOptions(line.port(), 0, false, line.settings()));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SimCommandLine.serve("Qimen WMS simulator", sim.shopConfiguration(), sim);
    }
}
