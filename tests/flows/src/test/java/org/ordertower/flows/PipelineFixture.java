package org.ordertower.flows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.ordertower.api.Actor;
import org.ordertower.api.Address;
import org.ordertower.api.Amounts;
import org.ordertower.api.AuditEntry;
import org.ordertower.api.Buyer;
import org.ordertower.api.NormalizedOrder;
import org.ordertower.api.Order;
import org.ordertower.api.OrderLine;
import org.ordertower.api.PaymentStatus;
import org.ordertower.api.RawPayload;
import org.ordertower.api.inventory.CatalogService;
import org.ordertower.api.inventory.CatalogTable;
import org.ordertower.api.inventory.ImportReport;
import org.ordertower.api.inventory.InventoryService;
import org.ordertower.api.inventory.Warehouse;
import org.ordertower.api.rules.ScreeningService;
import org.ordertower.core.internal.db.OrderStore;
import org.ordertower.core.internal.CoreOrderLedger;
import org.ordertower.core.internal.intake.DefaultOrderService;
import org.ordertower.core.internal.intake.GroupCommitWriter;
import org.ordertower.core.internal.intake.OrderIntake;
import org.ordertower.jdbc.Database;
import org.ordertower.core.spi.http.OrderJson;
import org.ordertower.core.internal.pipeline.OrderPipeline;
import org.ordertower.inventory.internal.catalog.DefaultCatalogService;
import org.ordertower.inventory.internal.push.StockPusher;
import org.ordertower.inventory.internal.stock.DefaultInventoryService;
import org.ordertower.inventory.internal.store.InventorySchema;
import org.ordertower.rules.internal.engine.RuleEngine;
import org.ordertower.rules.internal.history.OrderHistory;

/**
 * The core's order service and pipeline with the real catalog, inventory and rules engine (no
 * packs unless a test adds one) on one database, as one node runs them. Pipelines are driven by {@link OrderPipeline#runOnce} so tests see each pass.
 */
final class PipelineFixture implements AutoCloseable {
    static final RawPayload RAW = new RawPayload("test", "application/json", "{}");
    static final OrderPipeline.Options OPTIONS = new OrderPipeline.Options(50, Duration.ofSeconds(1), Duration.ZERO,
            Duration.ofSeconds(30), Duration.ofMillis(50));

    final DataSource dataSource;
    final Database db;
    final OrderStore store = new OrderStore();
    final OrderIntake intake = new OrderIntake(store, new OrderJson());
    /** The core's orders as fulfilment joins them in its own transactions. */
    final CoreOrderLedger ledger;
    final GroupCommitWriter writer;
    final DefaultOrderService orders;
    final StockPusher pusher;
    final DefaultInventoryService inventory;
    final DefaultCatalogService catalog;
    final OrderHistory history;
    final RuleEngine rules;
    volatile CatalogService catalogRef;
    volatile InventoryService inventoryRef;
    volatile ScreeningService rulesRef;
    final OrderPipeline pipeline;
    private final List<OrderPipeline> others = new ArrayList<>();

    PipelineFixture(DataSource dataSource) throws Exception {
        this(dataSource, false, OPTIONS);
    }

    /** @param wakeOnCommit wake the pipeline after each intake commit, as the core component does */
    PipelineFixture(DataSource dataSource, boolean wakeOnCommit, OrderPipeline.Options options) throws Exception {
        this(dataSource, wakeOnCommit, options, OrderHistory.Settings.tableOnly());
    }

    /**
     * @param historySettings the screening history's: the tests read the table ({@link OrderHistory.Settings#tableOnly()});
     *        the benchmarks run the distribution's defaults (facts in memory, written behind)
     */
    PipelineFixture(DataSource dataSource, boolean wakeOnCommit, OrderPipeline.Options options,
            OrderHistory.Settings historySettings) throws Exception {
        this.dataSource = dataSource;
        OrderStore.migrator(dataSource).migrate();
        InventorySchema.migrator(dataSource).migrate();
        db = new Database(dataSource);
        ledger = CoreOrderLedger.standalone(db.dialect(), store, intake);
        writer = new GroupCommitWriter(db, intake, Clock.systemUTC(), wakeOnCommit ? this::wakePipeline : () -> { }, 256,
                10_000, 30_000);
        orders = new DefaultOrderService(db, store, intake, writer, Clock.systemUTC(), () -> Set.of("tmall", "own", "taobao"),
                () -> { });
        pusher = new StockPusher(db, Clock.systemUTC(), new StockPusher.Options(20, 4, 50, Duration.ofHours(6), 1_000));
        inventory = new DefaultInventoryService(db, Clock.systemUTC(), pusher, 4, 512, 100_000, 30_000);
        catalog = new DefaultCatalogService(db, Clock.systemUTC());
        OrderHistory.migrator(dataSource).migrate();
        history = new OrderHistory(db, historySettings);
        history.start();
        if (historySettings.memory() && !history.awaitWarm(Duration.ofMinutes(1))) {
            throw new IllegalStateException("the screening history's memory did not load within a minute");
        }
        rules = new RuleEngine(history, Clock.systemUTC(), catalog::sku,
                sku -> java.util.OptionalInt.of(inventory.view(sku).sellable()));
        catalogRef = catalog;
        inventoryRef = inventory;
        rulesRef = rules;
        pipeline = pipeline(() -> inventoryRef, options);
    }

    private void wakePipeline() {
        pipeline.wake();
    }

    /** Another pipeline on the same database, as a second node would run it. */
    OrderPipeline pipeline(java.util.function.Supplier<InventoryService> inv, OrderPipeline.Options options) {
        OrderPipeline p = new OrderPipeline(db, store, intake, Clock.systemUTC(), () -> catalogRef, inv, () -> rulesRef, () -> { },
                options);
        others.add(p);
        return p;
    }

    /** Runs passes until one moves nothing; returns how many orders and tasks moved in all. */
    int drain() {
        int total = 0;
        for (int i = 0; i < 1000; i++) {
            int n = pipeline.runOnce();
            if (n == 0) {
                return total;
            }
            total += n;
        }
        throw new AssertionError("the pipeline never came to rest");
    }

    /** Runs the pipeline and {@code more} (fulfilment) until neither moves three times in a row. */
    void settle(java.util.function.IntSupplier more) throws InterruptedException {
        int quiet = 0;
        for (int i = 0; i < 500; i++) {
            int n = drain() + more.getAsInt();
            quiet = n == 0 ? quiet + 1 : 0;
            if (quiet == 3) {
                return;
            }
            if (n == 0) {
                Thread.sleep(20); // retries are due within milliseconds here
            }
        }
        throw new AssertionError("fulfilment never came to rest");
    }

    void csv(CatalogTable table, String text) {
        ImportReport r = catalog.importCsv(table, new StringReader(text), false);
        assertEquals(List.of(), r.errors(), "catalog fixture must import");
    }

    /** Cups, pots, a tea box kit (2 cups + 1 pot), a gift sticker; listings on tmall shop s1. */
    void teaShop() {
        csv(CatalogTable.SKUS, """
                code,name,barcode,base_price,weight_g,attributes,cold_chain,parts,low_stock_threshold,presale_threshold,presale_quota
                CUP,Tea cup,,19.90,250,,false,,0,0,0
                POT,Tea pot,,59.00,900,,false,,0,0,0
                STICKER,Sticker,,0.50,5,,false,,0,0,0
                TEA-BOX,Gift box,,99.00,1500,,false,CUP*2;POT*1,0,0,0
                """);
        csv(CatalogTable.MAPPINGS, """
                channel,shop,channel_sku,item_id,outer_code,master_sku,factor
                tmall,s1,T-CUP,1001,,CUP,1
                tmall,s1,T-CUP6,1002,,CUP,6
                tmall,s1,T-BOX,1003,,TEA-BOX,1
                tmall,s1,T-STICKER,1004,,STICKER,1
                """);
        inventory.saveWarehouse(new Warehouse("HZ", "Hangzhou", "Zhejiang/Hangzhou", 30.27, 120.15, Warehouse.Type.OWN, 1));
    }

    void stock(String sku, int units) {
        inventory.receive(sku, "HZ", units, "po-" + sku + "-" + System.nanoTime(), Actor.user("tester"));
    }

    static OrderLine line(String no, String channelSku, int qty, String price) {
        BigDecimal p = new BigDecimal(price);
        return new OrderLine(no, channelSku, null, "item " + channelSku, qty, p, p.multiply(BigDecimal.valueOf(qty)), false,
                null);
    }

    static OrderLine gift(String no, String channelSku) {
        return new OrderLine(no, channelSku, null, "gift " + channelSku, 1, BigDecimal.ZERO, BigDecimal.ZERO, true, null);
    }

    static NormalizedOrder order(String id, long version, PaymentStatus pay, List<OrderLine> lines) {
        BigDecimal goods = lines.stream().map(OrderLine::paidAmount).reduce(BigDecimal.ZERO, BigDecimal::add);
        return new NormalizedOrder("tmall", "s1", id, version, "WAIT_SELLER_SEND_GOODS", pay,
                new Buyer("张三", "13812345678", "b-" + id),
                new Address("CN", "浙江省", "杭州市", "西湖区", "文三路", "1号", "310012"), lines,
                new Amounts("CNY", goods, BigDecimal.ZERO, BigDecimal.ZERO, goods), Instant.now(), null,
                Instant.ofEpochMilli(version), null, null, List.of());
    }

    long intake(NormalizedOrder o) {
        return orders.intake(o, RAW, Actor.channel(o.channel())).orderId();
    }

    Order order(long id) {
        return orders.find(id).orElseThrow();
    }

    /** The reason of the newest status change into {@code status}. */
    String reasonOf(long id, String status) {
        List<AuditEntry> t = orders.timeline(id);
        for (int i = t.size() - 1; i >= 0; i--) {
            if ("status".equals(t.get(i).action()) && status.equals(t.get(i).newValue())) {
                return t.get(i).reason();
            }
        }
        throw new AssertionError("order " + id + " never moved to " + status + ": " + t);
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    int reserved(String sku) {
        return inventory.view(sku).rows().stream().mapToInt(r -> r.reserved()).sum();
    }

    @Override
    public void close() throws Exception {
        for (OrderPipeline p : others) {
            p.close();
        }
        writer.close();
        inventory.close();
        pusher.close();
        history.close();
        if (dataSource instanceof AutoCloseable a) {
            a.close();
        }
    }
}
