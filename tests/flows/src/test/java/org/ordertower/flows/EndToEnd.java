package org.ordertower.flows;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.channel.LogisticsCompany;
import org.ordertower.api.channel.PullPolicy;
import org.ordertower.api.channel.PushRequest;
import org.ordertower.api.sim.SimulatorOptions;
import org.ordertower.api.fulfilment.CallbackReply;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.KitPart;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockUpdate;
import org.ordertower.api.inventory.StockUpdater;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.carrier.cainiao.internal.CainiaoConnector;
import org.ordertower.carrier.cainiao.internal.CainiaoSettings;
import org.ordertower.sim.cainiao.CainiaoSimulator;
import org.ordertower.carrier.kuaidi100.internal.Kuaidi100Connector;
import org.ordertower.carrier.kuaidi100.internal.Kuaidi100Settings;
import org.ordertower.sim.kuaidi100.Kuaidi100Simulator;
import org.ordertower.channel.taobao.internal.TaobaoConnector;
import org.ordertower.channel.taobao.internal.api.TaobaoSettings;
import org.ordertower.sim.taobao.TaobaoSimulator;
import org.ordertower.sim.kit.SimServer;
import org.ordertower.channels.internal.ChannelRuntime;
import org.ordertower.channels.internal.DelegatingConnector;
import org.ordertower.fulfilment.internal.Fulfilment;
import org.ordertower.fulfilment.internal.PartnerCallbacks;
import org.ordertower.fulfilment.internal.Partners;
import org.ordertower.fulfilment.internal.Routing;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.spi.WarehousePreference;
import org.ordertower.wms.qimen.internal.QimenConnector;
import org.ordertower.wms.qimen.internal.QimenSettings;
import org.ordertower.sim.qimen.QimenSimulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One node with everything real, against the partners' simulators over HTTP: the channel runtime with one marketplace
 * shop, the order pipeline with the catalog, inventory and rules engine, and fulfilment with Cainiao e-waybills, the
 * Qimen WMS and Kuaidi100 tracking. The partners' callbacks reach the node's {@link PartnerCallbacks} through a JDK
 * HTTP server on 127.0.0.1, at the paths the distribution serves. The simulators work on accelerated clocks
 * ({@link Settings#wmsScale()} for the warehouse).
 *
 * <p>Two kinds of shop: the classic Taobao shop ({@link #EndToEnd(Settings, DataSource)}: orders arrive as TMC
 * messages and are fetched, its catalog mappings are saved by hand, no stock is pushed), and a shop of any channel
 * as the node runs it now ({@link #EndToEnd(Settings, DataSource, Shop)}): the runtime downloads the shop's listings
 * and its platform's logistics company list before it pulls, the listings make the catalog mappings (none is saved by
 * hand), the shop is pulled often with no lag, and the inventory pushes stock to it through the runtime.
 */
final class EndToEnd implements AutoCloseable {
    private static final AtomicInteger APPS = new AtomicInteger();
    static final String SHOP = "tea-shop";
    static final String WAREHOUSE = "HZ";
    static final String WMS_WAREHOUSE = "HZ001";
    /** The simulators' listings (outer codes) as master SKUs, a kit and a gift, as the demo has them. */
    static final List<Sku> CATALOG = List.of(Sku.plain("CUP-WHITE", "Mug white 350ml", new BigDecimal("39.00")),
            Sku.plain("CUP-BLUE", "Mug blue 350ml", new BigDecimal("39.00")),
            Sku.plain("TEA-LJ-250", "Longjing tea 250g", new BigDecimal("268.00")),
            Sku.plain("TOWEL-3", "Cotton towels x3", new BigDecimal("59.90")),
            Sku.plain("SOAP-100", "Soap 100g", new BigDecimal("25.00")),
            Sku.plain("GIFT-BAG", "Shopping bag (gift)", BigDecimal.ZERO),
            new Sku("KIT-TEA-CUP", "Tea and mug gift box", null, new BigDecimal("299.00"), 0, Map.of(), false,
                    List.of(new KitPart("TEA-LJ-250", 1), new KitPart("CUP-WHITE", 1)), 0, 0, 0));

    /**
     * @param wmsScale the warehouse's simulated seconds per real second
     * @param trackingScale the tracking service's simulated seconds per real second
     * @param attempts write-back (and every call's) attempts before it is dead
     */
    record Settings(double wmsScale, double trackingScale, int attempts, Duration retryFirst, Duration retryMax) {
    }

    /**
     * A shop whose catalog mappings come from the platform's listings.
     *
     * @param channel taobao, jd, douyin or pdd ({@link Marketplace#CHANNELS})
     * @param leftOut master SKUs of the simulator's listings the catalog does not have (their listings stay unmatched)
     * @param hidden companies of the platform's logistics company list the runtime is not shown (a platform that
     *     lacks them)
     */
    record Shop(String channel, Set<String> leftOut, Predicate<LogisticsCompany> hidden) {
        static Shop of(String channel) {
            return new Shop(channel, Set.of(), c -> false);
        }
    }

    /** The shops are pulled every half second with no lag behind the platform, so an order placed now is in reach. */
    static final PullPolicy FAST_PULLS = new PullPolicy(Duration.ofMinutes(30), Duration.ofMinutes(1), Duration.ZERO,
            Duration.ofMillis(500), Duration.ofDays(90));

    final Settings settings;
    final PipelineFixture f;
    /** The shop's marketplace. */
    final Marketplace market;
    /** The Taobao simulator when the shop is a Taobao shop, else null. */
    final TaobaoSimulator taobao;
    /** The connector the runtime has, with {@link #FAST_PULLS}; null for the classic Taobao shop. */
    final DelegatingConnector connector;
    private final Shop shop;
    private final StockUpdater updater;
    final CainiaoSimulator cainiao;
    final QimenSimulator qimen;
    final Kuaidi100Simulator kuaidi100;
    final ChannelRuntime channels;
    final Partners partners = new Partners();
    private final HttpServer node;
    private final String baseUrl;
    private volatile PartnerCallbacks callbacks;
    volatile Fulfilment fulfilment;

    /** The classic Taobao shop: TMC messages, mappings saved by hand, no stock pushes. */
    EndToEnd(Settings settings, DataSource ds) throws Exception {
        this(settings, ds, null);
    }

    /** A shop of {@code shop.channel()} whose listings make the catalog mappings and which stock is pushed to. */
    EndToEnd(Settings settings, DataSource ds, Shop shop) throws Exception {
        this.settings = settings;
        this.shop = shop;
        int app = APPS.incrementAndGet();
        f = new PipelineFixture(ds, true, PipelineFixture.OPTIONS);
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        node.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "node-http");
            t.setDaemon(true);
            return t;
        }));
        node.createContext("/api/v1/wms/", ex -> serve(ex, true));
        node.createContext("/api/v1/carriers/", ex -> serve(ex, false));
        node.start();
        baseUrl = "http://127.0.0.1:" + node.getAddress().getPort();

        String appKey = "2300" + app + ProcessHandle.current().pid();
        if (shop == null) {
            taobao = TaobaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", appKey, "appSecret",
                    "tb-secret", "shop", SHOP, "ratePerSecond", "2000", "redeliverSeconds", "10")));
            market = null;
        } else {
            market = Marketplace.start(shop.channel());
            taobao = market instanceof Marketplace.Taobao t ? t.sim : null;
        }
        cainiao = CainiaoSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "2400" + app
                + ProcessHandle.current().pid(), "ratePerSecond", "2000", "quota", "100000")));
        qimen = QimenSimulator.start(new SimulatorOptions(0, 0, false, Map.of("appKey", "qimen-e2e-" + app, "appSecret",
                "qimen-secret", "customerId", "cust-e2e", "warehouses", WMS_WAREHOUSE, "ratePerSecond", "2000", "timeScale",
                String.valueOf(settings.wmsScale()), "callbackRetryMs", "200", "callbackUrl",
                baseUrl + "/api/v1/wms/qimen/callback")));
        kuaidi100 = Kuaidi100Simulator.start(new SimulatorOptions(0, 0, false, Map.of("timeScale",
                String.valueOf(settings.trackingScale()), "ratePerSecond", "2000", "pushRetryMillis", "200", "tickMillis",
                "50")));

        catalogAndStock();
        ChannelRuntime.Options options = new ChannelRuntime.Options("node-a", Duration.ofHours(1), Duration.ofMillis(200), 4,
                3, Duration.ofDays(7), true);
        if (shop == null) {
            channels = new ChannelRuntime(f.db, f.orders, Clock.systemUTC(), options);
            TaobaoSettings tb = TaobaoSettings.of(taobao.gatewayUrl(), taobao.oauthUrl(), appKey, "tb-secret", SHOP,
                    taobao.accessToken(), taobao.refreshToken(), null, Clock.systemUTC()).withRates(2000, 2000);
            channels.add(new TaobaoConnector(tb, channels));
            connector = null;
            updater = null;
        } else {
            // the fixture's order service knows the channels of its pipeline tests only; the runtime's knows the four
            DefaultOrderService orders = new DefaultOrderService(f.db, f.store, f.intake, f.writer, Clock.systemUTC(),
                    () -> Set.copyOf(Marketplace.CHANNELS), () -> { });
            channels = new ChannelRuntime(f.db, orders, Clock.systemUTC(), options, new ChannelRuntime.Vocabularies(
                    () -> f.catalogRef, "", Duration.ZERO, Duration.ZERO));
            connector = new DelegatingConnector(market.connector(channels), FAST_PULLS);
            connector.hideCompanies(shop.hidden());
            channels.add(connector);
            String channel = shop.channel();
            updater = new StockUpdater() {
                @Override
                public String channelId() {
                    return channel;
                }

                @Override
                public void updateStock(StockUpdate update) {
                    channels.updateStock(channel, update); // as core's channel runtime component registers it
                }
            };
            f.pusher.addUpdater(updater);
        }

        Map<String, String> cn = cainiao.shopConfiguration();
        partners.add(new CainiaoConnector(new CainiaoSettings("e2e", cn.get("gatewayUrl"), cn.get("appKey"),
                cn.get("appSecret"), cn.get("session"), "hmac-sha256", CainiaoSettings.carriers(cn.get("carriers")),
                cn.get("templateUrl"), Long.parseLong(cn.get("userId")), Duration.ofSeconds(10), 2000, Clock.systemUTC())));
        partners.add(new QimenConnector(new QimenSettings(qimen.gatewayUrl(), qimen.appKey(), qimen.appSecret(),
                qimen.customerId(), "md5", Set.of(WAREHOUSE), Map.of(WAREHOUSE, WMS_WAREHOUSE), qimen.ownerCode(),
                Duration.ofSeconds(10), 2000, 100, Clock.systemUTC())));
        Map<String, String> kd = kuaidi100.shopConfiguration();
        partners.add(new Kuaidi100Connector(Kuaidi100Settings.of(kd.get("pollUrl"), kd.get("customer"), kd.get("key"),
                kd.get("salt"))));

        startFulfilment();
        f.pipeline.start();
    }

    private void catalogAndStock() {
        f.inventory.saveWarehouse(new Warehouse(WAREHOUSE, "Hangzhou", "浙江省/杭州市/余杭区", 30.27, 120.15,
                Warehouse.Type.OWN, 1));
        for (Sku sku : CATALOG) {
            if (shop != null && shop.leftOut().contains(sku.code())) {
                continue;
            }
            f.catalog.saveSku(sku);
            if (shop == null) {
                f.catalog.saveMapping(new SkuMapping("taobao", SHOP, sku.code(), null, sku.code(), sku.code(), 1));
            }
            if (sku.parts().isEmpty()) {
                // a pushed quantity stays within the platforms' limits (Taobao's quantity call takes 0..1000000)
                f.inventory.receive(sku.code(), WAREHOUSE, shop == null ? 1_000_000 : 10_000, "e2e-stock", Actor.SYSTEM);
                qimen.seedStock(WMS_WAREHOUSE, sku.code(), 1_000_000, 0);
            }
        }
        // the platform's gift line: one shopping bag with any order of 59.00 or more
        f.catalog.saveGiftRule(new GiftRule("e2e-bag", "GIFT-BAG", 1, null, new BigDecimal("59.00"), null, null, null,
                false));
    }

    /** A new fulfilment worker on the node's database (at start, and as a restarted node would). */
    void startFulfilment() {
        Routing.Settings routing = Routing.Settings.parse("nearest,priority", "ZTO", "江苏|浙江|上海=SF", "", "SF");
        Fulfilment.Options options = new Fulfilment.Options("cainiao", "kuaidi100", baseUrl, "OrderTower", "057188886666",
                Map.of(), settings.attempts(), settings.retryFirst(), settings.retryMax(), Duration.ofHours(72),
                Duration.ofMinutes(1), Duration.ofMillis(20), 50, Duration.ofMinutes(2));
        Fulfilment next = new Fulfilment(f.db, f.ledger, Clock.systemUTC(), () -> f.inventoryRef,
                () -> f.catalogRef, () -> channels, partners, routing, options, () -> { });
        f.pipeline.warehousePreference(o -> {
            Routing.Preference p = next.preference(o);
            return new WarehousePreference.Choice(p.warehouses(), p.reason());
        });
        callbacks = new PartnerCallbacks(partners, next);
        fulfilment = next;
        next.start();
    }

    /** Stops this node's fulfilment worker (a crash between two passes). */
    void stopFulfilment() {
        fulfilment.close();
    }

    /** As the distribution's HTTP route does: the partner's request to the callbacks, their reply in its shape. */
    private void serve(HttpExchange ex, boolean wms) throws IOException {
        try (ex) {
            String body;
            try (InputStream in = ex.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            Map<String, String> headers = new HashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k, v.isEmpty() ? "" : v.get(0)));
            PushRequest push = new PushRequest(headers, SimServer.parseForm(ex.getRequestURI().getRawQuery()), body,
                    Instant.now());
            String[] path = ex.getRequestURI().getPath().split("/"); // "", api, v1, wms|carriers, id, callback
            CallbackReply reply;
            try {
                reply = wms ? callbacks.wms(path[4], push) : callbacks.carrier(path[4], push);
            } catch (IllegalArgumentException e) {
                reply = new CallbackReply(404, "text/plain", e.getMessage());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", reply.contentType());
            ex.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** A counter of the Taobao simulator. */
    long marketplace(String name) {
        return taobao.counters().getOrDefault(name, 0L);
    }

    /** The channel of the shop. */
    String channel() {
        return shop == null ? "taobao" : shop.channel();
    }

    /** The shop, as the platform names it. */
    String shop() {
        return market == null ? SHOP : market.shop;
    }

    @Override
    public void close() throws Exception {
        if (updater != null) {
            f.pusher.removeUpdater(updater);
        }
        fulfilment.close();
        channels.close();
        node.stop(0);
        if (market != null) {
            market.close();
        } else {
            taobao.close();
        }
        cainiao.close();
        qimen.close();
        kuaidi100.close();
        f.close();
    }
}
