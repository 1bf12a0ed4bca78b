package org.ordertower.inventory.internal;

import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.ordertower.core.spi.http.HttpApi;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.inventory.internal.http.StockHttpApi;
import org.ordertower.lanes.Lanes;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import org.ordertower.api.Actor;
import org.ordertower.api.OrderLine;
import org.ordertower.api.inventory.Allocation;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ChannelAllocation;
import org.ordertower.api.inventory.GiftDecision;
import org.ordertower.api.inventory.GiftRule;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InTransit;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.LedgerCheck;
import org.ordertower.api.inventory.LedgerEntry;
import org.ordertower.api.inventory.MappedLines;
import org.ordertower.api.inventory.ReservationRequest;
import org.ordertower.api.inventory.ReservationResult;
import org.ordertower.api.inventory.Sku;
import org.ordertower.api.inventory.SkuMapping;
import org.ordertower.api.inventory.StockAlert;
import org.ordertower.api.inventory.StockItem;
import org.ordertower.api.inventory.StockPush;
import org.ordertower.api.inventory.StockRow;
import org.ordertower.api.inventory.StockUpdater;
import org.ordertower.api.inventory.StockView;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.jdbc.Database;
import org.ordertower.inventory.internal.catalog.DefaultCatalogService;
import org.ordertower.inventory.internal.push.StockPusher;
import org.ordertower.inventory.internal.stock.DefaultInventoryService;
import org.ordertower.inventory.internal.store.InventorySchema;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring only: migrates the inventory's tables on the {@code ordertower} DataSource, offers the
 * catalog and the inventory as services, and hands every {@link StockUpdater} that comes and goes
 * (channel connectors) to the pusher.
 */
@Component(service = { InventoryService.class, CatalogService.class }, configurationPid = "org.ordertower.inventory",
        immediate = true)
@Designate(ocd = InventoryConfig.class)
public final class InventoryComponent implements InventoryService, CatalogService {
    private final Logger logger = LoggerFactory.getLogger(InventoryComponent.class);
    private final StockPusher pusher;
    private final DefaultInventoryService inventory;
    private final DefaultCatalogService catalog;
    private final Lanes lanes;
    private final List<ServiceRegistration<HttpApi>> httpApis = new java.util.ArrayList<>();

    /** The name of the inventory's CamelContext, where each channel's stock-push lane is a route. */
    public static final String CAMEL_CONTEXT = "ordertower-inventory";

    @Activate
    public InventoryComponent(BundleContext context, @Reference(target = "(dataSourceName=ordertower)") DataSource dataSource,
            InventoryConfig config) throws SQLException {
        require(config.reserve_stripes() >= 1 && config.reserve_stripes() <= 64, "reserve.stripes must be 1..64");
        require(config.reserve_max_batch() >= 1, "reserve.max.batch must be at least 1");
        require(config.forecast_window_hours() >= 1, "forecast.window.hours must be at least 1");
        int version = InventorySchema.migrator(dataSource).migrate();
        Database db = new Database(dataSource);
        Clock clock = Clock.systemUTC();
        // each channel's stock-push lane is a route of the inventory's own CamelContext, registered for camel:*
        this.lanes = Lanes.registered(context, CAMEL_CONTEXT, 0);
        this.pusher = new StockPusher(db, clock, new StockPusher.Options(config.push_coalesce_ms(), config.push_max_attempts(),
                config.push_backoff_ms(), Duration.ofHours(config.forecast_window_hours()), config.push_history(),
                java.util.Arrays.stream(config.push_skip_channels() == null ? new String[0]
                        : config.push_skip_channels().split(",")).map(String::strip).filter(c -> !c.isEmpty())
                        .collect(java.util.stream.Collectors.toSet())), lanes);
        this.inventory = new DefaultInventoryService(db, clock, pusher, config.reserve_stripes(), config.reserve_max_batch(),
                config.reserve_queue_capacity(), config.reserve_wait_ms());
        this.catalog = new DefaultCatalogService(db, clock);
        // the stock and catalog REST interfaces, served by the core's HTTP whiteboard
        StockHttpApi http = new StockHttpApi(() -> Optional.of(this), () -> Optional.of(this), new OrderJson());
        httpApis.add(context.registerService(HttpApi.class, HttpApi.of("stock", StockHttpApi.STOCK_BASE,
                StockHttpApi.MAX_JSON, http), null));
        httpApis.add(context.registerService(HttpApi.class, HttpApi.of("catalog", StockHttpApi.CATALOG_BASE,
                StockHttpApi.MAX_CSV, http), null));
        logger.info("OrderTower inventory started on {} (schema version {}, {} reservation stripes)", db.dialect(), version,
                config.reserve_stripes());
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("org.ordertower.inventory: " + message);
        }
    }

    /** The core's outbox: stock changes go out on the stock topic (JMS, and Kafka when configured). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "removeEvents")
    void addEvents(org.ordertower.core.spi.EventOutbox outbox) {
        pusher.events(outbox);
    }

    void removeEvents(org.ordertower.core.spi.EventOutbox outbox) {
        pusher.eventsGone(outbox);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addUpdater(StockUpdater updater) {
        pusher.addUpdater(updater);
    }

    void removeUpdater(StockUpdater updater) {
        pusher.removeUpdater(updater);
    }

    @Deactivate
    void deactivate() {
        for (ServiceRegistration<HttpApi> r : httpApis) {
            try {
                r.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the bundle is stopping
            }
        }
        inventory.close();
        pusher.close();
        lanes.close();
        logger.info("OrderTower inventory stopped");
    }

    // ---- catalog: every write forgets the stock side's cached catalog facts

    @Override
    public Optional<Sku> sku(String code) {
        return catalog.sku(code);
    }

    @Override
    public List<Sku> skus(String afterCode, int limit) {
        return catalog.skus(afterCode, limit);
    }

    @Override
    public void saveSku(Sku sku) {
        catalog.saveSku(sku);
        inventory.catalogChanged();
        // thresholds and presale decide what the channels are offered
        pusher.changed(java.util.Set.of(sku.code()), Instant.now());
    }

    @Override
    public void saveMapping(SkuMapping mapping) {
        catalog.saveMapping(mapping);
        pusher.changed(java.util.Set.of(mapping.masterSku()), Instant.now());
    }

    @Override
    public List<SkuMapping> mappingsOf(String masterSku) {
        return catalog.mappingsOf(masterSku);
    }

    @Override
    public void saveGiftRule(GiftRule rule) {
        catalog.saveGiftRule(rule);
    }

    @Override
    public List<GiftRule> giftRules() {
        return catalog.giftRules();
    }

    @Override
    public MappedLines map(String channel, String shop, List<OrderLine> lines) {
        return catalog.map(channel, shop, lines);
    }

    @Override
    public GiftDecision gifts(String channel, List<OrderLine> mappedLines, BigDecimal goodsPaid, Instant at) {
        return catalog.gifts(channel, mappedLines, goodsPaid, at);
    }

    @Override
    public ImportReport importCsv(CatalogTable table, Reader csv, boolean dryRun) {
        ImportReport report = catalog.importCsv(table, csv, dryRun);
        if (report.applied()) {
            inventory.catalogChanged();
            if (table == CatalogTable.MAPPINGS) {
                pusher.resyncAll();
            }
        }
        return report;
    }

    @Override
    public void exportCsv(CatalogTable table, Writer out) {
        catalog.exportCsv(table, out);
    }

    // ---- inventory

    @Override
    public void saveWarehouse(Warehouse warehouse) {
        inventory.saveWarehouse(warehouse);
    }

    @Override
    public List<Warehouse> warehouses() {
        return inventory.warehouses();
    }

    @Override
    public ReservationResult reserve(ReservationRequest request) {
        return inventory.reserve(request);
    }

    @Override
    public CompletableFuture<ReservationResult> reserveAsync(ReservationRequest request) {
        return inventory.reserveAsync(request);
    }

    @Override
    public List<Allocation> held(String reference) {
        return inventory.held(reference);
    }

    @Override
    public List<Allocation> release(String reference, Actor actor, String reason) {
        return inventory.release(reference, actor, reason);
    }

    @Override
    public List<Allocation> ship(String reference, String warehouse, Actor actor) {
        return inventory.ship(reference, warehouse, actor);
    }

    @Override
    public List<Allocation> transfer(String reference, String from, String to, List<StockItem> items, String document,
            Actor actor) {
        return inventory.transfer(reference, from, to, items, document, actor);
    }

    @Override
    public StockRow receive(String sku, String warehouse, int quantity, String reference, Actor actor) {
        return inventory.receive(sku, warehouse, quantity, reference, actor);
    }

    @Override
    public StockRow returnGoods(String sku, String warehouse, int quantity, boolean damaged, String reference, Actor actor) {
        return inventory.returnGoods(sku, warehouse, quantity, damaged, reference, actor);
    }

    @Override
    public StockRow adjust(String sku, String warehouse, int delta, Actor actor, String reason) {
        return inventory.adjust(sku, warehouse, delta, actor, reason);
    }

    @Override
    public StockRow setSafety(String sku, String warehouse, int safety, Actor actor) {
        return inventory.setSafety(sku, warehouse, safety, actor);
    }

    @Override
    public InTransit addInTransit(String sku, String warehouse, int quantity, InTransit.Kind kind, LocalDate expected,
            String reference) {
        return inventory.addInTransit(sku, warehouse, quantity, kind, expected, reference);
    }

    @Override
    public StockView view(String sku) {
        return inventory.view(sku);
    }

    @Override
    public List<StockRow> rows(String warehouse) {
        return inventory.rows(warehouse);
    }

    @Override
    public List<LedgerEntry> ledger(String sku, int limit) {
        return inventory.ledger(sku, limit);
    }

    @Override
    public LedgerCheck check() {
        return inventory.check();
    }

    @Override
    public void saveAllocation(ChannelAllocation allocation) {
        inventory.saveAllocation(allocation);
    }

    @Override
    public List<ChannelAllocation> allocations() {
        return inventory.allocations();
    }

    @Override
    public List<StockPush> recentPushes(int limit) {
        return inventory.recentPushes(limit);
    }

    @Override
    public List<StockAlert> alerts(int limit) {
        return inventory.alerts(limit);
    }

    @Override
    public List<StockPush> recentPushes(Long after, boolean failedOnly, int limit) {
        return inventory.recentPushes(after, failedOnly, limit);
    }

    @Override
    public List<StockAlert> alerts(Long after, int limit) {
        return inventory.alerts(after, limit);
    }
}
